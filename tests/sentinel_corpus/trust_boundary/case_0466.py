from django.http import HttpResponse


def process(request):
    user_input = request.COOKIES.get("q", "")
    request.session["theme"] = user_input if user_input in ("dark", "light") else "light"
    return HttpResponse("ok")
