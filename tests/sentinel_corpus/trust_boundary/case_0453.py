from django.http import HttpResponse


def view(request):
    raw = request.COOKIES.get("path", "")
    request.session.update({"display_name": raw})
    return HttpResponse("ok")
