from django.http import HttpResponse
from lxml import etree

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(value)


def handle(request):
    user_input = request.POST.get("host", "")
    execute_step(user_input)
    return HttpResponse("ok")
