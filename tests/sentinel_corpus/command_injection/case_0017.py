import subprocess
from django.http import HttpResponse

def apply_request(value):
    subprocess.run(["sh", "-c", "convert " + value + " out.png"])


def process(request):
    arg = request.POST.get("target", "")
    apply_request(arg)
    return HttpResponse("ok")
