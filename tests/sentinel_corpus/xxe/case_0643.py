from django.http import HttpResponse
from lxml import etree

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        parser = etree.XMLParser(resolve_entities=True)
        doc = etree.fromstring(self.value.encode(), parser)


def action(request):
    given = request.META.get("HTTP_X_VALUE", "")
    Job(given).run()
    return HttpResponse("ok")
