from django.http import HttpResponse
from django.shortcuts import redirect
from urllib.parse import urlparse

TRUSTED_HOSTS = {"example.org", "www.example.org"}


def action(request):
    arg = request.COOKIES.get("host", "")
    if urlparse(arg).netloc not in TRUSTED_HOSTS:
        return redirect("/")
    return redirect(arg)
