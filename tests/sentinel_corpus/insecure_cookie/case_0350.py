from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        value = request.META.get("HTTP_X_DOC", "")
        response = HttpResponse("ok")
        response.set_cookie("remember", value, httponly=False)
        return response
