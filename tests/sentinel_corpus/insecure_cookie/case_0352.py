from django.http import HttpResponse


def action(request):
    text = request.POST.get("value", "")
    response = HttpResponse("ok")
    response.set_cookie("cart", text, httponly=False)
    return response
