from django.http import HttpResponse
from django.views import View
from lxml import etree

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        tree = etree.parse("/srv/data/users.xml")
        nodes = tree.xpath("//user[@name='" + self.value + "']")


class ProcessView(View):
    def post(self, request):
        param = request.POST.get("host", "")
        Job(param).run()
        return HttpResponse("ok")
