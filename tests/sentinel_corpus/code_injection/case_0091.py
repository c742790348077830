import ast
from django.http import HttpResponse


def endpoint(request):
    value = request.META.get("HTTP_X_Q", "")
    result = ast.literal_eval(value)
    return HttpResponse("ok")
