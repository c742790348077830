from django.http import HttpResponse


def action(request):
    user_input = request.POST.get("name", "")
    request.session["display_name"] = "guest-" + user_input
    return HttpResponse("ok")
