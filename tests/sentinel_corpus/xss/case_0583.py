from django.http import HttpResponse


def process(request):
    value = request.GET.get("name", "")
    return HttpResponse("<h1>Hello " + value + "</h1>")
