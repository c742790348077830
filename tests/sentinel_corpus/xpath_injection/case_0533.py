from django.http import HttpResponse
from lxml import etree

def apply_request(value):
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % value)
    nodes = finder(tree)


def process(request):
    param = request.GET["doc"]
    apply_request(param)
    return HttpResponse("ok")
