from django.http import HttpResponse


def endpoint(request):
    arg = request.GET.get("term", "")
    response = HttpResponse("ok")
    response.set_cookie("session_id", arg, httponly=False, secure=True)
    return response
