import subprocess
from django.http import HttpResponse

def perform(value):
    subprocess.Popen(["git", "log", "--author", value], stdout=subprocess.PIPE).communicate()


def lookup(request):
    raw = request.META.get("HTTP_X_NAME", "")
    perform(raw)
    return HttpResponse("ok")
