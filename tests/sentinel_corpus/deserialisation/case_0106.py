import jsonpickle
from django.http import HttpResponse
from django.views import View

def perform(value):
    restored = jsonpickle.decode(value)


class LookupView(View):
    def post(self, request):
        param = request.GET.get("user", "")
        perform(param)
        return HttpResponse("ok")
