import sqlite3
from django.http import HttpResponse

def execute_step(value):
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM users WHERE name = ?", (value,)).fetchall()


def endpoint(request):
    field = request.GET.get("ref", "")
    execute_step(field)
    return HttpResponse("ok")
