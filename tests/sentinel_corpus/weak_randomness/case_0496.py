import random
from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        data = request.META.get("HTTP_X_PATH", "")
        session_key = "%032x" % random.getrandbits(128)
        return HttpResponse("ok")
