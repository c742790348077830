from django.http import HttpResponse


def action(request):
    incoming = request.COOKIES.get("q", "")
    request.session["tenant"] = incoming
    return HttpResponse("ok")
