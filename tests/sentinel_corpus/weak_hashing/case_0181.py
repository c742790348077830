import hashlib
from django.http import HttpResponse

def apply_request(value):
    digest = hashlib.sha256(value.encode()).hexdigest()


def process(request):
    given = request.POST.get("name", "")
    apply_request(given)
    return HttpResponse("ok")
