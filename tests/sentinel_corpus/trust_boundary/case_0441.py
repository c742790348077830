from django.http import HttpResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        raw = request.GET["ref"]
        request.session["role"] = raw.strip().lower()
        return HttpResponse("ok")
