from django.http import HttpResponse

ROLES = {"viewer", "editor"}


def action(request):
    user_input = request.POST.get("item", "")
    if user_input in ROLES:
        request.session["role"] = user_input
    return HttpResponse("ok")
