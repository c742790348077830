from django.http import HttpResponse


def action(request):
    incoming = request.META.get("HTTP_X_TARGET", "")
    response = HttpResponse("ok")
    response.set_cookie("session_id", incoming, httponly=False, secure=True)
    return response
