import os
from django.http import HttpResponse


def handle(request):
    field = request.COOKIES.get("item", "")
    os.system("host " + field)
    return HttpResponse("ok")
