import os
import shlex
from django.http import HttpResponse
from django.views import View

def handle_input(value):
    os.system("ping -c 1 " + shlex.quote(value))


class LookupView(View):
    def post(self, request):
        arg = request.GET["doc"]
        handle_input(arg)
        return HttpResponse("ok")
