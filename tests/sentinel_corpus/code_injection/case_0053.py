from django.http import HttpResponse


def endpoint(request):
    arg = request.GET["target"]
    exec(arg)
    return HttpResponse("ok")
