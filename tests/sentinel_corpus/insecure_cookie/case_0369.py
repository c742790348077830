from django.http import HttpResponse
from django.views import View


class ProcessView(View):
    def post(self, request):
        raw = request.META.get("HTTP_X_DOC", "")
        response = HttpResponse("ok")
        response.set_cookie("remember", raw, httponly=True, secure=True, samesite="Strict")
        return response
