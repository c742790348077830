import sqlite3
from django.http import HttpResponse


def handle(request):
    incoming = request.POST.get("item", "")
    db = sqlite3.connect("app.db")
    query = "DELETE FROM users WHERE id = %s" % incoming
    db.execute(query)
    return HttpResponse("ok")
