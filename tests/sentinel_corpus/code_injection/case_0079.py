from django.http import HttpResponse

OPS = {"double": "x * 2", "square": "x ** 2"}


def perform(value):
    if value in OPS:
        result = eval(OPS[value], {'x': 3})


def view(request):
    text = request.GET.get("name", "")
    perform(text)
    return HttpResponse("ok")
