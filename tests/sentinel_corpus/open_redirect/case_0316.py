from django.http import HttpResponse
from django.shortcuts import redirect
from urllib.parse import urlparse


def process(request):
    arg = request.POST.get("path", "")
    if urlparse(arg).netloc:
        return redirect("/")
    return redirect(arg)
