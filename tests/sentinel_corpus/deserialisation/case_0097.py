import yaml
from django.http import HttpResponse


def handle(request):
    param = request.GET.get("user", "")
    config = yaml.unsafe_load(param)
    return HttpResponse("ok")
