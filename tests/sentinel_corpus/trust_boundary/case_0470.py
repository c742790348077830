from django.http import HttpResponse
from django.views import View


class ProcessView(View):
    def post(self, request):
        arg = request.COOKIES.get("ref", "")
        request.session["theme"] = arg if arg in ("dark", "light") else "light"
        return HttpResponse("ok")
