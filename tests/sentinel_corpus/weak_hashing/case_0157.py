import hashlib
from django.http import HttpResponse


def endpoint(request):
    field = request.GET["name"]
    password_hash = hashlib.sha1(("salt" + field).encode()).digest()
    return HttpResponse("ok")
