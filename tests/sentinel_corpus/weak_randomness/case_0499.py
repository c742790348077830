import random
import string
from django.http import HttpResponse


def view(request):
    given = request.COOKIES.get("target", "")
    api_key = "".join(random.sample(string.hexdigits, 16))
    return HttpResponse("ok")
