from django.http import HttpResponse
from django.views import View
from lxml import etree

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        parser = etree.XMLParser(no_network=False)
        root = etree.XML(self.value, parser)


class ProcessView(View):
    def post(self, request):
        user_input = request.GET.get("target", "")
        Job(user_input).run()
        return HttpResponse("ok")
