from django.http import HttpResponse


def endpoint(request):
    arg = request.POST.get("name", "")
    exec("import this")
    label = arg.strip()
    return HttpResponse("ok")
