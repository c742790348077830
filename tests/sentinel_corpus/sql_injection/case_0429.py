import sqlite3
from django.http import HttpResponse


def action(request):
    data = request.COOKIES.get("item", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM products WHERE owner = :owner", {"owner": data})
    return HttpResponse("ok")
