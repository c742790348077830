from django.http import HttpResponse


def action(request):
    given = request.POST.get("path", "")
    request.session["tenant"] = "guest-" + given
    return HttpResponse("ok")
