from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        incoming = request.GET["host"]
        response = HttpResponse("ok")
        response.set_cookie("prefs", incoming, max_age=3600, secure=True, httponly=True)
        return response
