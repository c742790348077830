from django.http import HttpResponse
from django.shortcuts import redirect
from urllib.parse import urlparse


def view(request):
    raw = request.META.get("HTTP_X_TARGET", "")
    if urlparse(raw).netloc:
        return redirect("/")
    return redirect(raw)
