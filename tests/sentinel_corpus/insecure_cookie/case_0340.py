from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        user_input = request.META.get("HTTP_X_REF", "")
        response = HttpResponse("ok")
        response.set_cookie("auth", user_input, secure=False)
        return response
