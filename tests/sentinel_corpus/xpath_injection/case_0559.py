from django.http import HttpResponse
from lxml import etree


PRESETS = {"small": "s", "large": "l"}


def lookup(request):
    field = request.POST.get("doc", "")
    field = PRESETS.get(field, "s")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + field + "']")
    return HttpResponse("ok")
