import yaml
from django.http import HttpResponse


def view(request):
    text = request.COOKIES.get("value", "")
    config = yaml.safe_load(text)
    return HttpResponse("ok")
