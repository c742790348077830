from django.http import HttpResponse


def handle(request):
    given = request.META.get("HTTP_X_TERM", "")
    response = HttpResponse("ok")
    response.set_cookie("cart", given, secure=True, httponly=True, samesite="Lax")
    return response
