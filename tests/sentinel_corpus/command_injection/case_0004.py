import subprocess
from django.http import HttpResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        arg = request.POST.get("item", "")
        parts = [arg, '--version']
        subprocess.run(parts)
        return HttpResponse("ok")
