from django.http import HttpResponse


def lookup(request):
    data = request.META.get("HTTP_X_TARGET", "")
    response = HttpResponse("ok")
    response.set_cookie("auth", data, secure=True, httponly=True, samesite="Lax")
    return response
