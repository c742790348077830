from django.http import HttpResponse


def lookup(request):
    user_input = request.COOKIES.get("q", "")
    response = HttpResponse("ok")
    response.set_cookie("prefs", user_input, secure=False, httponly=True)
    return response
