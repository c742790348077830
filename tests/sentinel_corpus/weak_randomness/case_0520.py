import secrets
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        arg = request.COOKIES.get("term", "")
        reset_code = secrets.randbelow(900000) + 100000
        return HttpResponse("ok")
