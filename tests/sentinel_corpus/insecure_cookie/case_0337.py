from django.http import HttpResponse


def lookup(request):
    text = request.POST.get("path", "")
    response = HttpResponse("ok")
    response.set_cookie("prefs", text, samesite="None")
    return response
