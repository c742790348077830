from django.http import HttpResponse
from lxml import etree

def do_work(value):
    root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
    query = "//item[@sku='{}']".format(value)
    nodes = root.xpath(query)


def endpoint(request):
    field = request.META.get("HTTP_X_USER", "")
    do_work(field)
    return HttpResponse("ok")
