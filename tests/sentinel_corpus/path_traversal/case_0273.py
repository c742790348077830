from django.http import HttpResponse
from pathlib import Path


def endpoint(request):
    value = request.GET.get("doc", "")
    root = Path("/srv/reports").resolve()
    wanted = (root / value).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return HttpResponse("ok")
