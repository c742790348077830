from django.http import HttpResponse


def endpoint(request):
    given = request.COOKIES.get("doc", "")
    request.session.update({"user": given})
    return HttpResponse("ok")
