from django.http import HttpResponse
from django.utils.safestring import mark_safe


def view(request):
    given = request.META.get("HTTP_X_REF", "")
    banner = mark_safe(given)
    return HttpResponse(banner)
