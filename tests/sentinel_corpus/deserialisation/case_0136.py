import json
from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        user_input = request.META.get("HTTP_X_TARGET", "")
        obj = json.loads(user_input)
        return HttpResponse("ok")
