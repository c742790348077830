import yaml
from django.http import HttpResponse


def view(request):
    given = request.META.get("HTTP_X_USER", "")
    config = yaml.load(given, Loader=yaml.SafeLoader)
    return HttpResponse("ok")
