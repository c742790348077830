import re
from django.http import HttpResponse


def endpoint(request):
    user_input = request.POST.get("name", "")
    if re.fullmatch(r"[a-z]{2}", user_input):
        request.session["lang"] = user_input
    return HttpResponse("ok")
