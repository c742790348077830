import sqlite3
from django.http import HttpResponse


def endpoint(request):
    field = request.GET.get("host", "")
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM users WHERE name = ?", (field,)).fetchall()
    return HttpResponse("ok")
