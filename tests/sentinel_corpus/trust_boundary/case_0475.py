import secrets
from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        raw = request.META.get("HTTP_X_DOC", "")
        request.session["csrf"] = secrets.token_hex(16)
        print(raw)
        return HttpResponse("ok")
