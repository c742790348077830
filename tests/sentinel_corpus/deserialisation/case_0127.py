import json
from django.http import HttpResponse


def endpoint(request):
    user_input = request.GET["path"]
    obj = json.loads(user_input)
    return HttpResponse("ok")
