from django.http import HttpResponse
from lxml import etree


def endpoint(request):
    text = request.META.get("HTTP_X_VALUE", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(text.encode(), parser)
    return HttpResponse("ok")
