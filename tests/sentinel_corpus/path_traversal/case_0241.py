from django.http import HttpResponse


def process(request):
    given = request.GET["target"]
    with open("/var/www/static/" + given, "rb") as fh:
        content = fh.read()
    return HttpResponse("ok")
