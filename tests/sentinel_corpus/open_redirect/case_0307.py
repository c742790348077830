from django.http import HttpResponse
from django.shortcuts import redirect


def endpoint(request):
    given = request.META.get("HTTP_X_ITEM", "")
    return redirect(given)
