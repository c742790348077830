import hashlib
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        raw = request.META.get("HTTP_X_Q", "")
        hasher = hashlib.new("md5")
        hasher.update(raw.encode())
        digest = hasher.hexdigest()
        return HttpResponse("ok")
