from django.http import HttpResponse
from lxml import etree


def view(request):
    field = request.GET["target"]
    doc = etree.fromstring(field.encode(), etree.XMLParser(resolve_entities=True, no_network=False))
    return HttpResponse("ok")
