from django.http import HttpResponse


def process(request):
    value = request.POST.get("q", "")
    exec(f"total = {value}")
    return HttpResponse("ok")
