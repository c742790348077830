import subprocess
from django.http import HttpResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        given = request.POST.get("target", "")
        subprocess.run(["sh", "-c", "convert " + given + " out.png"])
        return HttpResponse("ok")
