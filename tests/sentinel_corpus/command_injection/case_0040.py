import subprocess
from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        param = request.META.get("HTTP_X_REF", "")
        count = int(param)
        subprocess.run(f"ping -c {count} localhost", shell=True)
        return HttpResponse("ok")
