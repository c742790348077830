from django.http import HttpResponse
from django.shortcuts import redirect


def action(request):
    incoming = request.META.get("HTTP_X_NAME", "")
    next_url = f"{incoming}?welcome=1"
    return redirect(next_url)
