from django.http import HttpResponse


def handle(request):
    incoming = request.GET.get("target", "")
    with open("/var/www/static/" + incoming, "rb") as fh:
        content = fh.read()
    return HttpResponse("ok")
