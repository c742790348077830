import hashlib
from django.http import HttpResponse


def handle(request):
    incoming = request.GET["value"]
    digest = hashlib.sha256(incoming.encode()).hexdigest()
    return HttpResponse("ok")
