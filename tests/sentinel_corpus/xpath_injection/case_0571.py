from django.http import HttpResponse
from lxml import etree

FIELDS = ("title", "author", "year")


def handle(request):
    value = request.META.get("HTTP_X_VALUE", "")
    if value not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + value)
    return HttpResponse("ok")
