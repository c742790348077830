from django.http import HttpResponse
from django.shortcuts import redirect
from urllib.parse import urlparse


def action(request):
    arg = request.GET.get("user", "")
    if urlparse(arg).netloc:
        return redirect("/")
    return redirect(arg)
