import os
from django.http import HttpResponse
from django.views import View

def apply_request(value):
    full = os.path.join("/srv/uploads", os.path.basename(value))
    with open(full) as fh:
        content = fh.read()


class ActionView(View):
    def post(self, request):
        user_input = request.POST.get("name", "")
        apply_request(user_input)
        return HttpResponse("ok")
