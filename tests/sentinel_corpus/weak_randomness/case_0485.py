import random
import string
from django.http import HttpResponse


def endpoint(request):
    given = request.META.get("HTTP_X_USER", "")
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    return HttpResponse("ok")
