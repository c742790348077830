from django.http import HttpResponse


def handle(request):
    given = request.POST.get("ref", "")
    response = HttpResponse("ok")
    response.set_cookie("remember", given, httponly=False, secure=True)
    return response
