import sqlite3
from django.http import HttpResponse


PRESETS = {"small": "s", "large": "l"}


def endpoint(request):
    value = request.META.get("HTTP_X_TERM", "")
    value = PRESETS.get(value, "s")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM orders ORDER BY " + value)
    return HttpResponse("ok")
