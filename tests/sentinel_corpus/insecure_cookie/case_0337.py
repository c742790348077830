from django.http import HttpResponse


def action(request):
    user_input = request.GET["path"]
    response = HttpResponse("ok")
    response.set_cookie("prefs", user_input, secure=False, httponly=True)
    return response
