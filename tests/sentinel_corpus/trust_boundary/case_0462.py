from django.http import HttpResponse

ROLES = {"viewer", "editor"}


def endpoint(request):
    param = request.GET.get("target", "")
    if param in ROLES:
        request.session["role"] = param
    return HttpResponse("ok")
