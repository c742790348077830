import os
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        param = request.META.get("HTTP_X_TERM", "")
        full = os.path.join("/srv/uploads", os.path.basename(param))
        with open(full) as fh:
            content = fh.read()
        return HttpResponse("ok")
