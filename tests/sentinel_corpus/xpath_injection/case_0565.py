from django.http import HttpResponse
from lxml import etree

FIELDS = ("title", "author", "year")


def action(request):
    data = request.COOKIES.get("name", "")
    if data not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + data)
    return HttpResponse("ok")
