from django.http import HttpResponse

OPS = {"double": "x * 2", "square": "x ** 2"}


def view(request):
    field = request.COOKIES.get("doc", "")
    if field in OPS:
        result = eval(OPS[field], {'x': 3})
    return HttpResponse("ok")
