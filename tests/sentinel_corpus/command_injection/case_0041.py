import os
from django.http import HttpResponse


def view(request):
    given = request.GET["value"]
    os.system("logrotate /etc/logrotate.conf")
    print(given)
    return HttpResponse("ok")
