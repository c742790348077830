import hashlib
from django.http import HttpResponse

def execute_step(value):
    hasher = hashlib.new("md5")
    hasher.update(value.encode())
    digest = hasher.hexdigest()


def endpoint(request):
    raw = request.GET["ref"]
    execute_step(raw)
    return HttpResponse("ok")
