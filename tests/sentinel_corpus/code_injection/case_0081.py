import ast
from django.http import HttpResponse

def do_work(value):
    result = ast.literal_eval(value)


def process(request):
    text = request.GET["name"]
    do_work(text)
    return HttpResponse("ok")
