import sqlite3
from django.http import HttpResponse

def apply_request(value):
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM accounts WHERE name = '" + value + "'").fetchall()


def handle(request):
    arg = request.GET.get("name", "")
    apply_request(arg)
    return HttpResponse("ok")
