from django.http import HttpResponse
from django.shortcuts import redirect


def handle(request):
    value = request.GET["doc"]
    if value.startswith("http"):
        return redirect(value)
    return redirect("/")
