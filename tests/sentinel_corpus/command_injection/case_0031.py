import os
from django.http import HttpResponse


def process(request):
    arg = request.META.get("HTTP_X_HOST", "")
    os.system("logrotate /etc/logrotate.conf")
    print(arg)
    return HttpResponse("ok")
