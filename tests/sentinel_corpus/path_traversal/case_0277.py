import os
from django.http import HttpResponse


def view(request):
    raw = request.META.get("HTTP_X_VALUE", "")
    base = "/srv/data"
    target = os.path.realpath(os.path.join(base, raw))
    if not target.startswith(base + os.sep):
        return "denied"
    with open(target) as fh:
        content = fh.read()
    return HttpResponse("ok")
