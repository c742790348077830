from django.http import HttpResponse
from django.views import View
from lxml import etree

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        doc = etree.fromstring(self.value.encode(), etree.XMLParser(resolve_entities=True, no_network=False))


class HandleView(View):
    def post(self, request):
        field = request.COOKIES.get("user", "")
        Job(field).run()
        return HttpResponse("ok")
