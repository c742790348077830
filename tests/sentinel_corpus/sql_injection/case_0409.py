import sqlite3
from django.http import HttpResponse

def do_work(value):
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM orders WHERE name = ?", (value,)).fetchall()


def view(request):
    field = request.GET.get("ref", "")
    do_work(field)
    return HttpResponse("ok")
