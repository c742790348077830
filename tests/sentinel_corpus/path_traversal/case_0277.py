from django.http import HttpResponse
from pathlib import Path


def view(request):
    arg = request.META.get("HTTP_X_NAME", "")
    root = Path("/srv/reports").resolve()
    wanted = (root / arg).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return HttpResponse("ok")
