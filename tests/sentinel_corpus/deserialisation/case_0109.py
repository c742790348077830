import yaml
from django.http import HttpResponse


def lookup(request):
    raw = request.GET["term"]
    docs = list(yaml.load_all(raw, Loader=yaml.FullLoader))
    return HttpResponse("ok")
