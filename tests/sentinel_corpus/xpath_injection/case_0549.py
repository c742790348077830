from django.http import HttpResponse
from lxml import etree

def handle_input(value):
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % value)
    nodes = finder(tree)


def endpoint(request):
    data = request.GET["q"]
    handle_input(data)
    return HttpResponse("ok")
