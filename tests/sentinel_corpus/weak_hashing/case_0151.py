import hashlib
from django.http import HttpResponse


def lookup(request):
    user_input = request.GET["item"]
    h = hashlib.new("sha1", usedforsecurity=True)
    h.update(user_input.encode())
    return HttpResponse("ok")
