import sqlite3
from django.http import HttpResponse


def endpoint(request):
    incoming = request.COOKIES.get("term", "")
    db = sqlite3.connect("app.db")
    query = "DELETE FROM orders WHERE id = %d" % int(incoming)
    db.execute(query)
    return HttpResponse("ok")
