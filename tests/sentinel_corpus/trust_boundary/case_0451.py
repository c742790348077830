from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        data = request.COOKIES.get("name", "")
        request.session["user"] = data
        return HttpResponse("ok")
