from django.http import HttpResponse
from django.shortcuts import redirect


def endpoint(request):
    arg = request.GET["target"]
    next_url = f"{arg}?welcome=1"
    return redirect(next_url)
