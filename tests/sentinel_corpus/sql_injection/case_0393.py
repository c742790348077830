import sqlite3
from django.http import HttpResponse


def lookup(request):
    user_input = request.META.get("HTTP_X_DOC", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM products ORDER BY " + user_input)
    return HttpResponse("ok")
