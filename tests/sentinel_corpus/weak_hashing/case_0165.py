import hashlib
from django.http import HttpResponse


def endpoint(request):
    user_input = request.GET["user"]
    h = hashlib.new("sha1", usedforsecurity=True)
    h.update(user_input.encode())
    return HttpResponse("ok")
