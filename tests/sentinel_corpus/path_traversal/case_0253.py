import shutil
from django.http import HttpResponse


def view(request):
    arg = request.META.get("HTTP_X_TARGET", "")
    shutil.copy(f"/srv/templates/{arg}", "/tmp/work")
    return HttpResponse("ok")
