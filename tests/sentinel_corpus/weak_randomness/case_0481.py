import random
from django.http import HttpResponse


def view(request):
    data = request.GET.get("item", "")
    reset_code = random.randint(100000, 999999)
    return HttpResponse("ok")
