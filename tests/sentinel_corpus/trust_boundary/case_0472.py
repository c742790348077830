from django.http import HttpResponse


def endpoint(request):
    arg = request.POST.get("value", "")
    request.session["page_size"] = int(arg)
    return HttpResponse("ok")
