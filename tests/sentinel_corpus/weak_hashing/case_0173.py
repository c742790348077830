import hashlib
from django.http import HttpResponse

def apply_request(value):
    digest = hashlib.blake2b(value.encode(), digest_size=32).hexdigest()


def view(request):
    incoming = request.POST.get("value", "")
    apply_request(incoming)
    return HttpResponse("ok")
