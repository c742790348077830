from django.http import HttpResponse


def handle(request):
    data = request.COOKIES.get("doc", "")
    return HttpResponse("<h1>Hello " + data + "</h1>")
