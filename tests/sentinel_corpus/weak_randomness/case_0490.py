import random
from django.http import HttpResponse
from django.views import View

def execute_step(value):
    reset_code = random.randint(100000, 999999)


class LookupView(View):
    def post(self, request):
        text = request.COOKIES.get("name", "")
        execute_step(text)
        return HttpResponse("ok")
