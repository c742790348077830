import os
from django.http import HttpResponse


def handle(request):
    value = request.GET["doc"]
    base = "/srv/files"
    path = base + "/" + value
    if not path.startswith(base):
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return HttpResponse("ok")
