import json
from django.http import HttpResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        arg = request.META.get("HTTP_X_TERM", "")
        result = json.loads(arg)
        return HttpResponse("ok")
