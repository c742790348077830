from django.http import HttpResponse
from django.shortcuts import redirect


def process(request):
    text = request.COOKIES.get("value", "")
    target = text if text in ("/", "/settings") else "/"
    return redirect(target)
