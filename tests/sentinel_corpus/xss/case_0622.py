from django.http import HttpResponse
from django.shortcuts import render


def process(request):
    field = request.COOKIES.get("user", "")
    return render(request, "results.html", {"query": field})
