from django.http import HttpResponse

def perform(value):
    expr = "{} + 1".format(value)
    answer = eval(expr, {})


def process(request):
    given = request.GET["path"]
    perform(given)
    return HttpResponse("ok")
