import random
from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        user_input = request.META.get("HTTP_X_DOC", "")
        otp = str(int(abs(random.normalvariate(0, 1)) * 1_000_000))
        return HttpResponse("ok")
