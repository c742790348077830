import re
from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        param = request.GET.get("q", "")
        if re.fullmatch(r"[a-z]{2}", param):
            request.session["lang"] = param
        return HttpResponse("ok")
