from django.http import HttpResponse
from lxml import etree


def lookup(request):
    incoming = request.COOKIES.get("name", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(incoming))
    return HttpResponse("ok")
