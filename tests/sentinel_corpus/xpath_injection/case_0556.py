from django.http import HttpResponse
from django.views import View
from lxml import etree


class ProcessView(View):
    def post(self, request):
        user_input = request.POST.get("host", "")
        tree = etree.parse("/srv/data/users.xml")
        nodes = tree.xpath("//item[position()=%d]" % int(user_input))
        return HttpResponse("ok")
