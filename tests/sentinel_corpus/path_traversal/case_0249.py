import os
from django.http import HttpResponse


def endpoint(request):
    raw = request.GET.get("term", "")
    full = os.path.join("/srv/uploads", raw)
    with open(full) as fh:
        content = fh.read()
    return HttpResponse("ok")
