from django.http import HttpResponse


def action(request):
    field = request.GET["q"]
    response = HttpResponse("ok")
    response.set_cookie("auth", field, httponly=True, secure=True, samesite="Strict")
    return response
