import subprocess
from django.http import HttpResponse


def view(request):
    text = request.POST.get("path", "")
    parts = [text, '--version']
    subprocess.run(parts)
    return HttpResponse("ok")
