import secrets
from django.http import HttpResponse
from django.views import View


class ProcessView(View):
    def post(self, request):
        incoming = request.META.get("HTTP_X_VALUE", "")
        session_key = secrets.token_hex(16)
        return HttpResponse("ok")
