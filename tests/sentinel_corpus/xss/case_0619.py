from django.http import HttpResponse
from django.utils.html import escape


def endpoint(request):
    arg = request.META.get("HTTP_X_Q", "")
    return HttpResponse("<h1>Hello " + escape(arg) + "</h1>")
