from django.http import HttpResponse
from lxml import etree


def handle(request):
    arg = request.GET.get("ref", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(arg.encode(), parser)
    return HttpResponse("ok")
