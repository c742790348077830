from django.http import HttpResponse
from lxml import etree

def do_work(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(value))


def action(request):
    arg = request.META.get("HTTP_X_TERM", "")
    do_work(arg)
    return HttpResponse("ok")
