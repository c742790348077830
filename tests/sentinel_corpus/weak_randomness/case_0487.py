import random
from django.http import HttpResponse


def view(request):
    given = request.GET["ref"]
    session_key = "%032x" % random.getrandbits(128)
    return HttpResponse("ok")
