from django.http import HttpResponse
from django.utils.safestring import mark_safe


def action(request):
    param = request.POST.get("path", "")
    banner = mark_safe(param)
    return HttpResponse(banner)
