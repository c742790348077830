from django.http import HttpResponse
from django.shortcuts import redirect


def handle(request):
    given = request.GET.get("host", "")
    next_url = f"{given}?welcome=1"
    return redirect(next_url)
