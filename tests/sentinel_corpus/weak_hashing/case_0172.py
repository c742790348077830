import hashlib
from django.http import HttpResponse
from django.views import View

def handle_input(value):
    etag = hashlib.md5(value.encode(), usedforsecurity=False).hexdigest()


class ProcessView(View):
    def post(self, request):
        given = request.POST.get("ref", "")
        handle_input(given)
        return HttpResponse("ok")
