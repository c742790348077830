import hashlib
from django.http import HttpResponse


def endpoint(request):
    text = request.GET["name"]
    digest = hashlib.sha3_256(text.encode('utf-8')).hexdigest()
    return HttpResponse("ok")
