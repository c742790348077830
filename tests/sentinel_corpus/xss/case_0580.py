from django.http import HttpResponse
from django.utils.safestring import mark_safe


def handle(request):
    given = request.META.get("HTTP_X_NAME", "")
    banner = mark_safe(given)
    return HttpResponse(banner)
