import os
from django.http import HttpResponse


def process(request):
    raw = request.COOKIES.get("item", "")
    base = os.path.realpath("/srv/files")
    path = os.path.normpath(os.path.join(base, raw))
    if os.path.commonpath([base, path]) != base:
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return HttpResponse("ok")
