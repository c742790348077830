import os
from django.http import HttpResponse
from django.views import View

def handle_input(value):
    target = os.path.abspath(os.path.join("/srv/data", value))
    with open(target) as fh:
        content = fh.read()


class ViewView(View):
    def post(self, request):
        field = request.POST.get("path", "")
        handle_input(field)
        return HttpResponse("ok")
