from django.http import HttpResponse


def handle(request):
    arg = request.META.get("HTTP_X_HOST", "")
    response = HttpResponse("ok")
    response.set_cookie("cart", arg, samesite="None")
    return response
