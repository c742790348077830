from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        text = request.GET.get("term", "")
        response = HttpResponse("ok")
        response.set_cookie("remember", text, secure=True, httponly=True)
        return response
