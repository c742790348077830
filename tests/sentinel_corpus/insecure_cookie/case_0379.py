from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        incoming = request.GET.get("name", "")
        response = HttpResponse("ok")
        response.set_cookie("remember", incoming, secure=True, httponly=True)
        return response
