import os
from django.http import HttpResponse


def process(request):
    given = request.POST.get("term", "")
    full = os.path.join("/srv/uploads", given)
    with open(full) as fh:
        content = fh.read()
    return HttpResponse("ok")
