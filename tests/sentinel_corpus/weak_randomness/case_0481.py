import random
from django.http import HttpResponse


def view(request):
    param = request.POST.get("host", "")
    nonce = random.random()
    return HttpResponse("ok")
