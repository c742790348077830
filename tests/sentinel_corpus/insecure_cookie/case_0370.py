from django.http import HttpResponse


def lookup(request):
    value = request.GET.get("term", "")
    response = HttpResponse("ok")
    response.set_cookie("session_id", value, httponly=True, secure=True, samesite="Strict")
    return response
