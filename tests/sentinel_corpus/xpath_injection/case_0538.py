from django.http import HttpResponse
from django.views import View
from lxml import etree

def perform(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + value + "']")


class ViewView(View):
    def post(self, request):
        incoming = request.POST.get("term", "")
        perform(incoming)
        return HttpResponse("ok")
