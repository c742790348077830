import jsonpickle
from django.http import HttpResponse
from django.views import View


PRESETS = {"small": "s", "large": "l"}


class ActionView(View):
    def post(self, request):
        param = request.META.get("HTTP_X_ITEM", "")
        param = PRESETS.get(param, "s")
        restored = jsonpickle.decode(param)
        return HttpResponse("ok")
