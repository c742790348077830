import os
from django.http import HttpResponse


def view(request):
    param = request.POST.get("item", "")
    nonce = os.urandom(16).hex()
    return HttpResponse("ok")
