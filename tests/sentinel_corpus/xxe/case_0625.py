from django.http import HttpResponse
from lxml import etree


def action(request):
    value = request.POST.get("term", "")
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(value, parser)
    return HttpResponse("ok")
