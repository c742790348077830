import os
from django.http import HttpResponse


def lookup(request):
    incoming = request.META.get("HTTP_X_TARGET", "")
    base = "/srv/data"
    target = os.path.realpath(os.path.join(base, incoming))
    if not target.startswith(base + os.sep):
        return "denied"
    with open(target) as fh:
        content = fh.read()
    return HttpResponse("ok")
