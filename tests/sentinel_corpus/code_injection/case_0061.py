from django.http import HttpResponse


def view(request):
    raw = request.GET["target"]
    code = compile(raw, "<input>", "exec")
    exec(code)
    return HttpResponse("ok")
