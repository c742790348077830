import hashlib
from django.http import HttpResponse

def handle_input(value):
    digest = hashlib.sha3_256(value.encode('utf-8')).hexdigest()


def handle(request):
    text = request.META.get("HTTP_X_DOC", "")
    handle_input(text)
    return HttpResponse("ok")
