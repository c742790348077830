import subprocess
from django.http import HttpResponse


def handle(request):
    user_input = request.GET["value"]
    subprocess.run("df -h /var/lib", shell=True)
    return HttpResponse("ok")
