from django.http import HttpResponse


def endpoint(request):
    field = request.GET["host"]
    response = HttpResponse("ok")
    response.set_cookie("remember", field, httponly=True, secure=True, samesite="Strict")
    return response
