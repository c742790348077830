from django.http import HttpResponse
from lxml import etree


def action(request):
    field = request.GET.get("ref", "")
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % field)
    nodes = finder(tree)
    return HttpResponse("ok")
