from django.http import HttpResponse


def lookup(request):
    raw = request.POST.get("doc", "")
    result = eval(str(int(raw)) + ' * 2')
    return HttpResponse("ok")
