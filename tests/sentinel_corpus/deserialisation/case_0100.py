import yaml
from django.http import HttpResponse
from django.views import View

def do_work(value):
    config = yaml.load(value, Loader=yaml.Loader)


class HandleView(View):
    def post(self, request):
        incoming = request.GET["target"]
        do_work(incoming)
        return HttpResponse("ok")
