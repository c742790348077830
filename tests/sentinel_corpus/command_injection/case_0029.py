import subprocess
from django.http import HttpResponse

def do_work(value):
    count = int(value)
    subprocess.run(f"ping -c {count} localhost", shell=True)


def endpoint(request):
    arg = request.GET.get("value", "")
    do_work(arg)
    return HttpResponse("ok")
