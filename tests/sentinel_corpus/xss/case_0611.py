from django.http import HttpResponse
from django.utils.html import escape


def handle(request):
    text = request.COOKIES.get("host", "")
    return HttpResponse("<h1>Hello " + escape(text) + "</h1>")
