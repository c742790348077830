from django.http import HttpResponse
from lxml import etree

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % value)
    nodes = finder(tree)


def lookup(request):
    user_input = request.GET.get("term", "")
    execute_step(user_input)
    return HttpResponse("ok")
