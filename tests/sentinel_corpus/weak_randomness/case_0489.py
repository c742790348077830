import random
import string
from django.http import HttpResponse


def lookup(request):
    raw = request.GET["doc"]
    api_key = "".join(random.sample(string.hexdigits, 16))
    return HttpResponse("ok")
