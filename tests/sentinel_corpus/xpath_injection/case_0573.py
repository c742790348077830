from django.http import HttpResponse
from lxml import etree

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(value))


def lookup(request):
    data = request.COOKIES.get("target", "")
    execute_step(data)
    return HttpResponse("ok")
