import secrets
from django.http import HttpResponse


def endpoint(request):
    raw = request.GET["user"]
    api_key = secrets.token_urlsafe(24)
    return HttpResponse("ok")
