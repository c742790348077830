from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        raw = request.META.get("HTTP_X_NAME", "")
        with open("/var/www/static/" + raw, "rb") as fh:
            content = fh.read()
        return HttpResponse("ok")
