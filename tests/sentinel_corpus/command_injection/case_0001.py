import subprocess
from django.http import HttpResponse


def view(request):
    user_input = request.GET["doc"]
    command = " ".join(["ls", "-la", user_input])
    subprocess.run(command, shell=True, check=False)
    return HttpResponse("ok")
