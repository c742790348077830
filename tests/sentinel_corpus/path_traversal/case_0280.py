import os
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        param = request.COOKIES.get("name", "")
        base = "/srv/data"
        target = os.path.realpath(os.path.join(base, param))
        if not target.startswith(base + os.sep):
            return "denied"
        with open(target) as fh:
            content = fh.read()
        return HttpResponse("ok")
