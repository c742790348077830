import os
from django.http import HttpResponse


def handle(request):
    field = request.META.get("HTTP_X_DOC", "")
    target = os.path.abspath(os.path.join("/srv/data", field))
    with open(target) as fh:
        content = fh.read()
    return HttpResponse("ok")
