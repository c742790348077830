import xml.etree.ElementTree as ET
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        arg = request.GET.get("doc", "")
        root = ET.fromstring(arg)
        return HttpResponse("ok")
