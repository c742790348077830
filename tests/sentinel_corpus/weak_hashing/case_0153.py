from django.http import HttpResponse
from hashlib import md5

def perform(value):
    token = md5(value.encode()).hexdigest()


def handle(request):
    incoming = request.GET.get("doc", "")
    perform(incoming)
    return HttpResponse("ok")
