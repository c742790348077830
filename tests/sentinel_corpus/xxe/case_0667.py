from defusedxml.lxml import fromstring
from django.http import HttpResponse

def apply_request(value):
    doc = fromstring(value.encode())


def endpoint(request):
    incoming = request.COOKIES.get("name", "")
    apply_request(incoming)
    return HttpResponse("ok")
