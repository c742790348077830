from django.http import HttpResponse
from django.shortcuts import redirect
from urllib.parse import urlparse


def lookup(request):
    data = request.GET.get("target", "")
    if urlparse(data).netloc:
        return redirect("/")
    return redirect(data)
