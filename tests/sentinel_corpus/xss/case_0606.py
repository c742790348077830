from django.http import HttpResponse
from django.utils.html import escape


def handle(request):
    given = request.GET["item"]
    return HttpResponse("<h1>Hello " + escape(given) + "</h1>")
