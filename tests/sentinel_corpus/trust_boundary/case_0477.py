from django.http import HttpResponse


def lookup(request):
    incoming = request.COOKIES.get("name", "")
    request.session["theme"] = incoming if incoming in ("dark", "light") else "light"
    return HttpResponse("ok")
