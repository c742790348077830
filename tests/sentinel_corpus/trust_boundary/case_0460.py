from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        user_input = request.GET["host"]
        request.session["theme"] = user_input if user_input in ("dark", "light") else "light"
        return HttpResponse("ok")
