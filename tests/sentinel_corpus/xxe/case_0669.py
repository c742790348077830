from django.http import HttpResponse
from lxml import etree

def execute_step(value):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(value.encode(), parser)


def lookup(request):
    given = request.COOKIES.get("host", "")
    execute_step(given)
    return HttpResponse("ok")
