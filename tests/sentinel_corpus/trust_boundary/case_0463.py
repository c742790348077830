import secrets
from django.http import HttpResponse


def endpoint(request):
    given = request.POST.get("q", "")
    request.session["csrf"] = secrets.token_hex(16)
    print(given)
    return HttpResponse("ok")
