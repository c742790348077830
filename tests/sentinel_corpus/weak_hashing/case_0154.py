import hashlib
from django.http import HttpResponse
from django.views import View

def perform(value):
    digest = hashlib.sha1(value.encode('utf-8')).hexdigest()


class LookupView(View):
    def post(self, request):
        field = request.META.get("HTTP_X_HOST", "")
        perform(field)
        return HttpResponse("ok")
