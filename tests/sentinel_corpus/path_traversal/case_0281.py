import os
from django.http import HttpResponse


def process(request):
    given = request.GET["target"]
    base = "/srv/data"
    target = os.path.realpath(os.path.join(base, given))
    if not target.startswith(base + os.sep):
        return "denied"
    with open(target) as fh:
        content = fh.read()
    return HttpResponse("ok")
