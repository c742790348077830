from django.http import HttpResponse


def handle(request):
    data = request.META.get("HTTP_X_HOST", "")
    request.session.update({"cart_owner": data})
    return HttpResponse("ok")
