import os
from django.http import HttpResponse


def handle(request):
    value = request.GET.get("ref", "")
    base = os.path.realpath("/srv/files")
    path = os.path.normpath(os.path.join(base, value))
    if os.path.commonpath([base, path]) != base:
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return HttpResponse("ok")
