from django.http import HttpResponse


def process(request):
    text = request.GET["host"]
    with open("/var/www/static/" + text, "rb") as fh:
        content = fh.read()
    return HttpResponse("ok")
