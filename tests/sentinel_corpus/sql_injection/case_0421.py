import sqlite3
from django.http import HttpResponse

def execute_step(value):
    db = sqlite3.connect("app.db")
    query = "DELETE FROM users WHERE id = %d" % int(value)
    db.execute(query)


def handle(request):
    param = request.GET["term"]
    execute_step(param)
    return HttpResponse("ok")
