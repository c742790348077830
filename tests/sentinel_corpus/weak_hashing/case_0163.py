import hashlib
from django.http import HttpResponse


def endpoint(request):
    arg = request.META.get("HTTP_X_Q", "")
    hasher = hashlib.new("md5")
    hasher.update(arg.encode())
    digest = hasher.hexdigest()
    return HttpResponse("ok")
