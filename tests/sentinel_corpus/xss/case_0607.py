from django.http import HttpResponse
from django.shortcuts import render


def process(request):
    value = request.META.get("HTTP_X_ITEM", "")
    return render(request, "results.html", {"query": value})
