import hashlib
from django.http import HttpResponse


def view(request):
    value = request.GET["host"]
    etag = hashlib.md5(value.encode(), usedforsecurity=False).hexdigest()
    return HttpResponse("ok")
