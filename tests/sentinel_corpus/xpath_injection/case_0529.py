from django.http import HttpResponse
from lxml import etree

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        tree = etree.parse("/srv/data/users.xml")
        nodes = tree.xpath("//user[@name='" + self.value + "']")


def view(request):
    given = request.META.get("HTTP_X_TERM", "")
    Job(given).run()
    return HttpResponse("ok")
