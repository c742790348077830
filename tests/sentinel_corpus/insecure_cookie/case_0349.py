from django.http import HttpResponse


def handle(request):
    arg = request.GET["name"]
    response = HttpResponse("ok")
    response.set_cookie("prefs", arg, samesite="None")
    return response
