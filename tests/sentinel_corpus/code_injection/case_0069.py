from django.http import HttpResponse


def handle(request):
    arg = request.GET["term"]
    expr = "{} + 1".format(arg)
    answer = eval(expr, {})
    return HttpResponse("ok")
