import sqlite3
from django.http import HttpResponse


def action(request):
    arg = request.POST.get("doc", "")
    conn = sqlite3.connect("app.db")
    clauses = ["name LIKE '%" + arg + "%'"]
    conn.execute("SELECT * FROM accounts WHERE " + " AND ".join(clauses))
    return HttpResponse("ok")
