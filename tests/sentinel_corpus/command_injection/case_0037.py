import subprocess
from django.http import HttpResponse


def view(request):
    raw = request.META.get("HTTP_X_REF", "")
    subprocess.run("df -h /var/lib", shell=True)
    return HttpResponse("ok")
