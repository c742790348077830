import subprocess
from django.http import HttpResponse

def apply_request(value):
    cmd = "tar -czf /tmp/backup.tgz %s" % value
    subprocess.call(cmd, shell=True)


def lookup(request):
    incoming = request.META.get("HTTP_X_Q", "")
    apply_request(incoming)
    return HttpResponse("ok")
