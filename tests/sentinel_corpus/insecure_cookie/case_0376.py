from django.http import HttpResponse


def handle(request):
    user_input = request.GET["doc"]
    response = HttpResponse("ok")
    response.set_cookie("remember", user_input, max_age=3600, secure=True, httponly=True)
    return response
