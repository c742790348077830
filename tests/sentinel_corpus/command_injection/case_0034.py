import subprocess
from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        incoming = request.META.get("HTTP_X_HOST", "")
        subprocess.run("df -h /var/lib", shell=True)
        return HttpResponse("ok")
