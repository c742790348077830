from django.http import HttpResponse


def action(request):
    field = request.GET["host"]
    response = HttpResponse("ok")
    response.set_cookie("remember", field, max_age=3600, secure=True, httponly=True)
    return response
