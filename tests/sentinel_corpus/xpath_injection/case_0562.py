from django.http import HttpResponse
from django.views import View
from lxml import etree


class ProcessView(View):
    def post(self, request):
        field = request.POST.get("ref", "")
        tree = etree.parse("/srv/data/users.xml")
        nodes = tree.xpath("//account/balance/text()")
        print(field)
        return HttpResponse("ok")
