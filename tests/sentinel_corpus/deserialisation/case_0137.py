import yaml
from django.http import HttpResponse


def action(request):
    data = request.GET.get("host", "")
    config = yaml.safe_load(data)
    return HttpResponse("ok")
