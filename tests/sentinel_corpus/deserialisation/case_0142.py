import json
from django.http import HttpResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        incoming = request.GET["user"]
        obj = json.loads(incoming)
        return HttpResponse("ok")
