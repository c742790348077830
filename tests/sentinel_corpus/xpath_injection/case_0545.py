from django.http import HttpResponse
from lxml import etree


def action(request):
    data = request.COOKIES.get("doc", "")
    root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
    query = "//item[@sku='{}']".format(data)
    nodes = root.xpath(query)
    return HttpResponse("ok")
