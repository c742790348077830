import jsonpickle
from django.http import HttpResponse


def lookup(request):
    param = request.META.get("HTTP_X_Q", "")
    restored = jsonpickle.decode(param)
    return HttpResponse("ok")
