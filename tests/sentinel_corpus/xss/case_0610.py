from django.http import HttpResponse
from django.shortcuts import render


def lookup(request):
    given = request.GET.get("value", "")
    return render(request, "results.html", {"query": given})
