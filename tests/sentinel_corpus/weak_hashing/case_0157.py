from django.http import HttpResponse
from hashlib import md5


def lookup(request):
    data = request.GET.get("q", "")
    token = md5(data.encode()).hexdigest()
    return HttpResponse("ok")
