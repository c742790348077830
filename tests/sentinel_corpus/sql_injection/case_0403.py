import sqlite3
from django.http import HttpResponse


def process(request):
    incoming = request.GET["path"]
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT id FROM products WHERE owner = '{incoming}'")
    return HttpResponse("ok")
