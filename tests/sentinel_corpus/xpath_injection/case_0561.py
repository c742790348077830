from django.http import HttpResponse
from lxml import etree


def view(request):
    given = request.GET.get("name", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(given)
    return HttpResponse("ok")
