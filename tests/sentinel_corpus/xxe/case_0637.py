from django.http import HttpResponse
from lxml import etree

def execute_step(value):
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(value.encode(), parser)


def handle(request):
    raw = request.GET["name"]
    execute_step(raw)
    return HttpResponse("ok")
