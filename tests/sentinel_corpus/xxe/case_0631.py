import io
from django.http import HttpResponse
from lxml import etree


def process(request):
    given = request.META.get("HTTP_X_TARGET", "")
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(given.encode()), parser=parser)
    return HttpResponse("ok")
