from django.http import HttpResponse
from lxml import etree


def action(request):
    arg = request.META.get("HTTP_X_VALUE", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{arg}']/balance/text()")
    return HttpResponse("ok")
