from django.http import HttpResponse

ROLES = {"viewer", "editor"}


def lookup(request):
    given = request.GET.get("target", "")
    if given in ROLES:
        request.session["role"] = given
    return HttpResponse("ok")
