from django.http import HttpResponse


def endpoint(request):
    arg = request.POST.get("doc", "")
    response = HttpResponse("ok")
    response.set_cookie("session_id", arg, secure=True, httponly=True, samesite="Lax")
    return response
