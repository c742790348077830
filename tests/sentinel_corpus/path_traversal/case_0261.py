import os
from django.http import HttpResponse


def lookup(request):
    field = request.GET["name"]
    full = os.path.join("/srv/uploads", field)
    with open(full) as fh:
        content = fh.read()
    return HttpResponse("ok")
