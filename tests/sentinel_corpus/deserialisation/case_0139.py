import yaml
from django.http import HttpResponse


PRESETS = {"small": "s", "large": "l"}


def action(request):
    arg = request.POST.get("q", "")
    arg = PRESETS.get(arg, "s")
    config = yaml.unsafe_load(arg)
    return HttpResponse("ok")
