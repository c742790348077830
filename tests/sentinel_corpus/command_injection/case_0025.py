import subprocess
from django.http import HttpResponse


def endpoint(request):
    incoming = request.COOKIES.get("doc", "")
    subprocess.run(["ping", "-c", "1", incoming], check=False)
    return HttpResponse("ok")
