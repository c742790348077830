import subprocess
from django.http import HttpResponse
from django.views import View

def execute_step(value):
    out = subprocess.check_output(f"host {value}", shell=True)


class HandleView(View):
    def post(self, request):
        user_input = request.POST.get("user", "")
        execute_step(user_input)
        return HttpResponse("ok")
