from django.http import HttpResponse


def process(request):
    incoming = request.GET["path"]
    request.session["page_size"] = int(incoming)
    return HttpResponse("ok")
