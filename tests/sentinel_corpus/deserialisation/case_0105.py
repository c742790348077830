import yaml
from django.http import HttpResponse


def lookup(request):
    given = request.COOKIES.get("host", "")
    config = yaml.load(given, Loader=yaml.Loader)
    return HttpResponse("ok")
