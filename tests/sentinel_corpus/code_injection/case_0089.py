from django.http import HttpResponse


def process(request):
    text = request.COOKIES.get("name", "")
    exec("import this")
    label = text.strip()
    return HttpResponse("ok")
