import xml.etree.ElementTree as ET
from django.http import HttpResponse

def execute_step(value):
    root = ET.fromstring(value)


def action(request):
    user_input = request.POST.get("q", "")
    execute_step(user_input)
    return HttpResponse("ok")
