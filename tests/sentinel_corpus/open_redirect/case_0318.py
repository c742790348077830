from django.http import HttpResponse
from django.shortcuts import redirect


def lookup(request):
    raw = request.POST.get("doc", "")
    target = raw if raw in ("/", "/settings") else "/"
    return redirect(target)
