import hashlib
from django.http import HttpResponse


def action(request):
    data = request.COOKIES.get("q", "")
    etag = hashlib.md5(data.encode(), usedforsecurity=False).hexdigest()
    return HttpResponse("ok")
