import os
from django.http import HttpResponse


def lookup(request):
    value = request.COOKIES.get("term", "")
    base = "/srv/data"
    target = os.path.realpath(os.path.join(base, value))
    if not target.startswith(base + os.sep):
        return "denied"
    with open(target) as fh:
        content = fh.read()
    return HttpResponse("ok")
