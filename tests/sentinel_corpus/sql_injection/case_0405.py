import sqlite3
from django.http import HttpResponse

def perform(value):
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM products WHERE name = '" + value + "'").fetchall()


def lookup(request):
    field = request.GET["term"]
    perform(field)
    return HttpResponse("ok")
