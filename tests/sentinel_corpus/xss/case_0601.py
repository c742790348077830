from django.http import HttpResponse
from django.utils.html import escape


def handle(request):
    value = request.META.get("HTTP_X_TARGET", "")
    return HttpResponse("<h1>Hello " + escape(value) + "</h1>")
