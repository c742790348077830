from django.http import HttpResponse
from django.shortcuts import redirect


def action(request):
    arg = request.META.get("HTTP_X_TARGET", "")
    next_url = f"{arg}?welcome=1"
    return redirect(next_url)
