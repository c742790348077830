from django.http import HttpResponse


def handle(request):
    value = request.COOKIES.get("target", "")
    response = HttpResponse("ok")
    response.set_cookie("prefs", value, max_age=3600, secure=True, httponly=True)
    return response
