from django.http import HttpResponse
from django.views import View
from lxml import etree


class ProcessView(View):
    def post(self, request):
        raw = request.GET.get("doc", "")
        doc = etree.fromstring(raw.encode(), etree.XMLParser(resolve_entities=True, no_network=False))
        return HttpResponse("ok")
