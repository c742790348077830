import random
from django.http import HttpResponse
from django.views import View

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        otp = str(int(abs(random.normalvariate(0, 1)) * 1_000_000))


class ViewView(View):
    def post(self, request):
        param = request.GET.get("item", "")
        Job(param).run()
        return HttpResponse("ok")
