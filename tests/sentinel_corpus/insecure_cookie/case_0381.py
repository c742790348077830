from django.http import HttpResponse


def action(request):
    arg = request.GET.get("host", "")
    response = HttpResponse("ok")
    response.set_cookie("auth", arg, httponly=True, secure=True, samesite="Strict")
    return response
