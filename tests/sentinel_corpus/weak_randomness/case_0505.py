import random
from django.http import HttpResponse


def handle(request):
    text = request.GET.get("path", "")
    otp = random.SystemRandom().randint(100000, 999999)
    return HttpResponse("ok")
