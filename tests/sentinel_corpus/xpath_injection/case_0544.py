from django.http import HttpResponse
from django.views import View
from lxml import etree


class ActionView(View):
    def post(self, request):
        param = request.GET.get("path", "")
        root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
        query = "//item[@sku='{}']".format(param)
        nodes = root.xpath(query)
        return HttpResponse("ok")
