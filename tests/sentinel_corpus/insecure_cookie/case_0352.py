from django.http import HttpResponse


def handle(request):
    raw = request.META.get("HTTP_X_HOST", "")
    response = HttpResponse("ok")
    response.set_cookie("remember", raw, secure=False)
    return response
