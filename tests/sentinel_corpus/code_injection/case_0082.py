from django.http import HttpResponse
from django.views import View


PRESETS = {"small": "s", "large": "l"}


class ActionView(View):
    def post(self, request):
        raw = request.GET["item"]
        raw = PRESETS.get(raw, "s")
        exec(f"total = {raw}")
        return HttpResponse("ok")
