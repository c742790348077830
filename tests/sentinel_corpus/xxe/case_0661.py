from defusedxml.lxml import fromstring
from django.http import HttpResponse


def endpoint(request):
    raw = request.META.get("HTTP_X_Q", "")
    doc = fromstring(raw.encode())
    return HttpResponse("ok")
