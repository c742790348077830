from django.http import HttpResponse
from lxml import etree


def endpoint(request):
    text = request.GET["user"]
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(text, parser)
    return HttpResponse("ok")
