from django.http import HttpResponse
from django.views import View
from lxml import etree


class ProcessView(View):
    def post(self, request):
        incoming = request.META.get("HTTP_X_TARGET", "")
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        doc = etree.fromstring(incoming.encode(), parser)
        return HttpResponse("ok")
