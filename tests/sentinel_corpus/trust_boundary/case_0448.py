from django.http import HttpResponse


def lookup(request):
    text = request.META.get("HTTP_X_REF", "")
    profile = {"name": text, "verified": False}
    request.session["profile"] = profile
    return HttpResponse("ok")
