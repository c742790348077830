from django.http import HttpResponse

ROLES = {"viewer", "editor"}


def endpoint(request):
    field = request.META.get("HTTP_X_USER", "")
    if field in ROLES:
        request.session["role"] = field
    return HttpResponse("ok")
