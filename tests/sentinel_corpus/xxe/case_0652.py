import defusedxml.ElementTree as ET
from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        user_input = request.META.get("HTTP_X_VALUE", "")
        doc = ET.fromstring(user_input)
        return HttpResponse("ok")
