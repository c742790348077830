import subprocess
from django.http import HttpResponse


def process(request):
    incoming = request.POST.get("target", "")
    out = subprocess.check_output(f"whois {incoming}", shell=True)
    return HttpResponse("ok")
