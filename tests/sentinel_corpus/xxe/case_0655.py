from django.http import HttpResponse
from lxml import etree


def action(request):
    given = request.POST.get("host", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(given.encode(), parser)
    return HttpResponse("ok")
