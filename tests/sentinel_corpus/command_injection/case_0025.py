import subprocess
from django.http import HttpResponse

TOOLS = {"uptime": "uptime", "disk": "df -h"}


def endpoint(request):
    raw = request.COOKIES.get("target", "")
    if raw not in TOOLS:
        return "unknown tool"
    subprocess.run(TOOLS[raw], shell=True)
    return HttpResponse("ok")
