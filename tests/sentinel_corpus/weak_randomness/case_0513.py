import os
from django.http import HttpResponse


def endpoint(request):
    user_input = request.POST.get("doc", "")
    nonce = os.urandom(16).hex()
    return HttpResponse("ok")
