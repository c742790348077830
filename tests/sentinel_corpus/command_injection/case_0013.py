import os
from django.http import HttpResponse


def endpoint(request):
    arg = request.META.get("HTTP_X_Q", "")
    stream = os.popen("grep -r {} /var/log/app".format(arg))
    lines = stream.read()
    return HttpResponse("ok")
