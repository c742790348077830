import sqlite3
from django.http import HttpResponse


def handle(request):
    param = request.GET["item"]
    conn = sqlite3.connect("app.db")
    clauses = ["name LIKE '%" + param + "%'"]
    conn.execute("SELECT * FROM orders WHERE " + " AND ".join(clauses))
    return HttpResponse("ok")
