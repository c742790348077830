import os
from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        field = request.COOKIES.get("target", "")
        nonce = os.urandom(16).hex()
        return HttpResponse("ok")
