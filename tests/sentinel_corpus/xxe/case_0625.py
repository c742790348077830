import io
from django.http import HttpResponse
from lxml import etree

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
        tree = etree.parse(io.BytesIO(self.value.encode()), parser=parser)


def endpoint(request):
    value = request.GET["user"]
    Job(value).run()
    return HttpResponse("ok")
