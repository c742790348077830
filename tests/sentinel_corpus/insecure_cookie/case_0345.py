from django.http import HttpResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        field = request.COOKIES.get("term", "")
        response = HttpResponse("ok")
        response.set_cookie("session_id", field, httponly=False, secure=True)
        return response
