import os
from django.http import HttpResponse
from werkzeug.utils import secure_filename


def action(request):
    given = request.COOKIES.get("value", "")
    name = secure_filename(given)
    with open(os.path.join("/var/www/static", name), "rb") as fh:
        content = fh.read()
    return HttpResponse("ok")
