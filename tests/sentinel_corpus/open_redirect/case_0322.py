from django.http import HttpResponse
from django.shortcuts import redirect
from urllib.parse import urlparse


def handle(request):
    raw = request.POST.get("term", "")
    if urlparse(raw).netloc:
        return redirect("/")
    return redirect(raw)
