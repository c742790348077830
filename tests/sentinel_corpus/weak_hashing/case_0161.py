import hashlib
from django.http import HttpResponse

def do_work(value):
    h = hashlib.new("sha1", usedforsecurity=True)
    h.update(value.encode())


def action(request):
    value = request.GET.get("value", "")
    do_work(value)
    return HttpResponse("ok")
