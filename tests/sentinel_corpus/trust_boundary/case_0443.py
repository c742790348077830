from django.http import HttpResponse


def endpoint(request):
    raw = request.GET.get("host", "")
    request.session["tenant"] = "guest-" + raw
    return HttpResponse("ok")
