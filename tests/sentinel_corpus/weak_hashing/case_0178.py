import hashlib
from django.http import HttpResponse
from django.views import View

def handle_input(value):
    digest = hashlib.sha3_256(value.encode('utf-8')).hexdigest()


class ProcessView(View):
    def post(self, request):
        value = request.GET.get("user", "")
        handle_input(value)
        return HttpResponse("ok")
