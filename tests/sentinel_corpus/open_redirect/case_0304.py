from django.http import HttpResponse
from django.shortcuts import redirect


def endpoint(request):
    given = request.POST.get("doc", "")
    if given.startswith("http"):
        return redirect(given)
    return redirect("/")
