from django.http import HttpResponse


def handle(request):
    incoming = request.POST.get("term", "")
    result = eval("2 * 21")
    print(incoming)
    return HttpResponse("ok")
