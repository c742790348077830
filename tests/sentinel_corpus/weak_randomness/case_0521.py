import secrets
from django.http import HttpResponse


def action(request):
    arg = request.GET["host"]
    session_key = secrets.token_hex(16)
    return HttpResponse("ok")
