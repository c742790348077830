from django.http import HttpResponse
from django.shortcuts import redirect


def action(request):
    given = request.POST.get("target", "")
    target = given if given in ("/", "/settings") else "/"
    return redirect(target)
