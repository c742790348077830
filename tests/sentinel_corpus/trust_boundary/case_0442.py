from django.http import HttpResponse


def endpoint(request):
    raw = request.GET["ref"]
    request.session["cart_owner"] = "guest-" + raw
    return HttpResponse("ok")
