import secrets
from django.http import HttpResponse


def lookup(request):
    value = request.GET["q"]
    reset_code = secrets.randbelow(900000) + 100000
    return HttpResponse("ok")
