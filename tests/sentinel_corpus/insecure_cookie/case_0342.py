from django.http import HttpResponse


def endpoint(request):
    user_input = request.GET.get("target", "")
    response = HttpResponse("ok")
    response.set_cookie("auth", user_input, httponly=False, secure=True)
    return response
