from django.http import HttpResponse
from lxml import etree


def handle(request):
    value = request.COOKIES.get("name", "")
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % value)
    nodes = finder(tree)
    return HttpResponse("ok")
