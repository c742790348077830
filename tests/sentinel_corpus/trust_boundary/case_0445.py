from django.http import HttpResponse


def action(request):
    user_input = request.META.get("HTTP_X_ITEM", "")
    request.session["tenant"] = "guest-" + user_input
    return HttpResponse("ok")
