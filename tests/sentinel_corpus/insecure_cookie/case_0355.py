from django.http import HttpResponse


def handle(request):
    incoming = request.META.get("HTTP_X_VALUE", "")
    response = HttpResponse("ok")
    response.set_cookie("remember", incoming, samesite="None")
    return response
