import secrets
from django.http import HttpResponse


def view(request):
    field = request.GET["term"]
    request.session["csrf"] = secrets.token_hex(16)
    print(field)
    return HttpResponse("ok")
