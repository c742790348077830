import secrets
from django.http import HttpResponse


def action(request):
    raw = request.POST.get("path", "")
    api_key = secrets.token_urlsafe(24)
    return HttpResponse("ok")
