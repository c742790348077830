import json
from django.http import HttpResponse


def process(request):
    data = request.POST.get("ref", "")
    obj = json.loads(data)
    return HttpResponse("ok")
