from django.http import HttpResponse
from django.views import View


class ProcessView(View):
    def post(self, request):
        text = request.COOKIES.get("ref", "")
        response = HttpResponse("ok")
        response.set_cookie("auth", text, max_age=3600, secure=False)
        return response
