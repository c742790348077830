import os
from django.http import HttpResponse


def handle(request):
    given = request.GET.get("name", "")
    full = os.path.join("/srv/uploads", given)
    with open(full) as fh:
        content = fh.read()
    return HttpResponse("ok")
