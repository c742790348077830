import xml.etree.ElementTree as ET
from django.http import HttpResponse


def action(request):
    user_input = request.POST.get("item", "")
    root = ET.fromstring(user_input)
    return HttpResponse("ok")
