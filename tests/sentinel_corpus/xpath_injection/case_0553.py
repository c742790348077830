from django.http import HttpResponse
from lxml import etree


def view(request):
    given = request.COOKIES.get("name", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name=$name]", name=given)
    return HttpResponse("ok")
