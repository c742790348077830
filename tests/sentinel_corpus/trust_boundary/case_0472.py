from django.http import HttpResponse

ROLES = {"viewer", "editor"}


def action(request):
    user_input = request.META.get("HTTP_X_HOST", "")
    if user_input in ROLES:
        request.session["role"] = user_input
    return HttpResponse("ok")
