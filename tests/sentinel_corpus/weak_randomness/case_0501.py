import random
from django.http import HttpResponse


def endpoint(request):
    user_input = request.POST.get("doc", "")
    otp = str(int(abs(random.normalvariate(0, 1)) * 1_000_000))
    return HttpResponse("ok")
