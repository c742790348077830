import json
from django.http import HttpResponse


def view(request):
    incoming = request.GET["doc"]
    result = json.loads(incoming)
    return HttpResponse("ok")
