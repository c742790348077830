import sqlite3
from django.http import HttpResponse


def action(request):
    data = request.POST.get("path", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM users ORDER BY " + data)
    return HttpResponse("ok")
