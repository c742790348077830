import hashlib
from django.http import HttpResponse

def do_work(value):
    etag = hashlib.md5(value.encode(), usedforsecurity=False).hexdigest()


def view(request):
    text = request.GET["path"]
    do_work(text)
    return HttpResponse("ok")
