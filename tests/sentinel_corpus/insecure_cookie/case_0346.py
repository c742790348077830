from django.http import HttpResponse


def process(request):
    value = request.COOKIES.get("path", "")
    response = HttpResponse("ok")
    response.set_cookie("prefs", value, httponly=False, secure=True)
    return response
