from django.http import HttpResponse
from django.views import View
from lxml import etree

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(value))


class ActionView(View):
    def post(self, request):
        user_input = request.POST.get("q", "")
        execute_step(user_input)
        return HttpResponse("ok")
