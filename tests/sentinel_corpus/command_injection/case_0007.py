import subprocess
from django.http import HttpResponse


def endpoint(request):
    data = request.GET.get("user", "")
    command = " ".join(["ls", "-la", data])
    subprocess.run(command, shell=True, check=False)
    return HttpResponse("ok")
