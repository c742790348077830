import sqlite3
from django.http import HttpResponse


def view(request):
    param = request.POST.get("term", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM products WHERE owner = :owner", {"owner": param})
    return HttpResponse("ok")
