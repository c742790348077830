from django.http import HttpResponse


def handle(request):
    field = request.GET["path"]
    request.session["role"] = field
    return HttpResponse("ok")
