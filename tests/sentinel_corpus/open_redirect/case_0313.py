from django.http import HttpResponse
from django.shortcuts import redirect
from urllib.parse import urlparse

TRUSTED_HOSTS = {"example.org", "www.example.org"}


def action(request):
    param = request.COOKIES.get("user", "")
    if urlparse(param).netloc not in TRUSTED_HOSTS:
        return redirect("/")
    return redirect(param)
