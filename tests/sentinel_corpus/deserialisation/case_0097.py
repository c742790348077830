import yaml
from django.http import HttpResponse

def perform(value):
    config = yaml.load(value, Loader=yaml.Loader)


def lookup(request):
    value = request.GET["user"]
    perform(value)
    return HttpResponse("ok")
