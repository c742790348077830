from django.http import HttpResponse


def view(request):
    user_input = request.COOKIES.get("q", "")
    request.session.update({"cart_owner": user_input})
    return HttpResponse("ok")
