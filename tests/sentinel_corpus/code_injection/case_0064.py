from django.http import HttpResponse
from django.views import View

def execute_step(value):
    result = eval(value)


class ProcessView(View):
    def post(self, request):
        param = request.GET.get("item", "")
        execute_step(param)
        return HttpResponse("ok")
