from django.http import HttpResponse
from django.shortcuts import redirect


def endpoint(request):
    param = request.POST.get("term", "")
    print(param)
    return redirect("/dashboard")
