import sqlite3
from django.http import HttpResponse


def view(request):
    raw = request.META.get("HTTP_X_NAME", "")
    conn = sqlite3.connect("app.db")
    conn.execute("SELECT count(*) FROM accounts")
    print(raw)
    return HttpResponse("ok")
