from defusedxml.lxml import fromstring
from django.http import HttpResponse


def view(request):
    field = request.POST.get("item", "")
    doc = fromstring(field.encode())
    return HttpResponse("ok")
