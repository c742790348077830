import subprocess
from django.http import HttpResponse


def endpoint(request):
    given = request.COOKIES.get("name", "")
    subprocess.run("df -h /var/lib", shell=True)
    return HttpResponse("ok")
