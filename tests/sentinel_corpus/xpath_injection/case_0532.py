from django.http import HttpResponse
from django.views import View
from lxml import etree


class ProcessView(View):
    def post(self, request):
        given = request.META.get("HTTP_X_PATH", "")
        tree = etree.parse("/srv/data/users.xml")
        finder = etree.XPath("//book[title='%s']" % given)
        nodes = finder(tree)
        return HttpResponse("ok")
