from django.http import HttpResponse
from django.views import View

OPS = {"double": "x * 2", "square": "x ** 2"}


def execute_step(value):
    if value in OPS:
        result = eval(OPS[value], {'x': 3})


class ProcessView(View):
    def post(self, request):
        raw = request.GET["doc"]
        execute_step(raw)
        return HttpResponse("ok")
