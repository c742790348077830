import os
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        raw = request.GET["value"]
        target = os.path.abspath(os.path.join("/srv/data", raw))
        with open(target) as fh:
            content = fh.read()
        return HttpResponse("ok")
