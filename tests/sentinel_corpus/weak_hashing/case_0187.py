import hashlib
from django.http import HttpResponse


def action(request):
    given = request.GET.get("user", "")
    digest = hashlib.sha3_256(given.encode('utf-8')).hexdigest()
    return HttpResponse("ok")
