from django.http import HttpResponse
from pathlib import Path


def handle(request):
    data = request.GET.get("value", "")
    root = Path("/srv/reports").resolve()
    wanted = (root / data).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return HttpResponse("ok")
