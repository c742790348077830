from django.http import HttpResponse
from django.shortcuts import redirect

ALLOWED = {"/", "/home", "/account"}


def action(request):
    data = request.GET["q"]
    if data not in ALLOWED:
        return redirect("/")
    return redirect(data)
