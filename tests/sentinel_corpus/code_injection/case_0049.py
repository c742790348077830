from django.http import HttpResponse

def do_work(value):
    code = compile(value, "<input>", "exec")
    exec(code)


def lookup(request):
    text = request.GET.get("q", "")
    do_work(text)
    return HttpResponse("ok")
