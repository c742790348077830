from django.http import HttpResponse


def lookup(request):
    arg = request.GET.get("value", "")
    response = HttpResponse("ok")
    response.set_cookie("remember", arg, max_age=3600, secure=True, httponly=True)
    return response
