from django.http import HttpResponse
from django.shortcuts import redirect


def handle(request):
    raw = request.COOKIES.get("item", "")
    next_url = f"{raw}?welcome=1"
    return redirect(next_url)
