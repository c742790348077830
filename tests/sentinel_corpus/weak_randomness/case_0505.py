import secrets
from django.http import HttpResponse


def endpoint(request):
    incoming = request.META.get("HTTP_X_HOST", "")
    session_key = secrets.token_hex(16)
    return HttpResponse("ok")
