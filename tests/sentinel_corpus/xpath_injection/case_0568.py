from django.http import HttpResponse
from django.views import View
from lxml import etree


PRESETS = {"small": "s", "large": "l"}


class EndpointView(View):
    def post(self, request):
        user_input = request.COOKIES.get("path", "")
        user_input = PRESETS.get(user_input, "s")
        tree = etree.parse("/srv/data/users.xml")
        finder = etree.XPath("//book[title='%s']" % user_input)
        nodes = finder(tree)
        return HttpResponse("ok")
