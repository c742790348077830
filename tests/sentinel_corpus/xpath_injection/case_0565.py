from django.http import HttpResponse
from lxml import etree

FIELDS = ("title", "author", "year")


def lookup(request):
    incoming = request.COOKIES.get("user", "")
    if incoming not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + incoming)
    return HttpResponse("ok")
