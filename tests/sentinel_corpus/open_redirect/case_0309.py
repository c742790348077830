from django.http import HttpResponse
from django.shortcuts import redirect


def handle(request):
    incoming = request.META.get("HTTP_X_VALUE", "")
    target = incoming or "/"
    return redirect(target)
