import yaml
from django.http import HttpResponse

def do_work(value):
    config = yaml.load(value, Loader=yaml.Loader)


def handle(request):
    incoming = request.GET["target"]
    do_work(incoming)
    return HttpResponse("ok")
