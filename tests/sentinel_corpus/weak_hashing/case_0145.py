import hashlib
from django.http import HttpResponse


def handle(request):
    data = request.GET["path"]
    digest = hashlib.md5(data.encode()).hexdigest()
    return HttpResponse("ok")
