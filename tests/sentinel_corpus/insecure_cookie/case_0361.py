from django.http import HttpResponse


def action(request):
    text = request.GET["user"]
    response = HttpResponse("ok")
    response.set_cookie("auth", text, secure=True, httponly=True)
    return response
