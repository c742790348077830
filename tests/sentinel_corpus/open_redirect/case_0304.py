from django.http import HttpResponse
from django.shortcuts import redirect


def handle(request):
    value = request.GET["ref"]
    next_url = f"{value}?welcome=1"
    return redirect(next_url)
