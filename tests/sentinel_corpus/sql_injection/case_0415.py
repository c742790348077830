import sqlite3
from django.http import HttpResponse

SORTABLE = {"name", "created", "price"}


def process(request):
    param = request.POST.get("path", "")
    column = param if param in SORTABLE else "name"
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM accounts ORDER BY " + column)
    return HttpResponse("ok")
