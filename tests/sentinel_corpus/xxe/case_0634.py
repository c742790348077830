from django.http import HttpResponse
from django.views import View
from lxml import etree


class EndpointView(View):
    def post(self, request):
        user_input = request.GET.get("host", "")
        parser = etree.XMLParser(no_network=False)
        root = etree.XML(user_input, parser)
        return HttpResponse("ok")
