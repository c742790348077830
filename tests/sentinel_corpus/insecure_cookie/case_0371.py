from django.http import HttpResponse


def view(request):
    text = request.GET.get("ref", "")
    response = HttpResponse("ok")
    response.set_cookie("cart", text, secure=True, httponly=True, samesite="Lax")
    return response
