from django.http import HttpResponse
from django.shortcuts import redirect


def process(request):
    data = request.POST.get("item", "")
    destination = "https://" + data
    return redirect(destination)
