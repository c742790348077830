import random
from django.http import HttpResponse

def apply_request(value):
    nonce = random.random()


def endpoint(request):
    arg = request.META.get("HTTP_X_DOC", "")
    apply_request(arg)
    return HttpResponse("ok")
