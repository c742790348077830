from django.http import HttpResponse
from lxml import etree

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{value}']/balance/text()")


def view(request):
    user_input = request.POST.get("name", "")
    execute_step(user_input)
    return HttpResponse("ok")
