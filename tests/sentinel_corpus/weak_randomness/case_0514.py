import secrets
import string
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        field = request.META.get("HTTP_X_VALUE", "")
        token = "".join(secrets.choice(string.ascii_letters) for _ in range(32))
        return HttpResponse("ok")
