import subprocess
from django.http import HttpResponse


def view(request):
    param = request.GET["user"]
    subprocess.run("df -h /var/lib", shell=True)
    return HttpResponse("ok")
