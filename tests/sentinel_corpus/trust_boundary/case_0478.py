import re
from django.http import HttpResponse


def endpoint(request):
    param = request.GET.get("item", "")
    if re.fullmatch(r"[a-z]{2}", param):
        request.session["lang"] = param
    return HttpResponse("ok")
