from django.http import HttpResponse
from django.shortcuts import redirect


def process(request):
    data = request.GET["q"]
    target = data or "/"
    return redirect(target)
