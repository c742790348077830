import subprocess
from django.http import HttpResponse


def view(request):
    value = request.META.get("HTTP_X_VALUE", "")
    command = " ".join(["ls", "-la", value])
    subprocess.run(command, shell=True, check=False)
    return HttpResponse("ok")
