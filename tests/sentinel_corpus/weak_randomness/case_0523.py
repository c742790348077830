import random
from django.http import HttpResponse


def action(request):
    value = request.GET.get("term", "")
    otp = random.SystemRandom().randint(100000, 999999)
    return HttpResponse("ok")
