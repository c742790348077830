import sqlite3
from django.http import HttpResponse

def apply_request(value):
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT id FROM products WHERE owner = '{value}'")


def endpoint(request):
    data = request.META.get("HTTP_X_VALUE", "")
    apply_request(data)
    return HttpResponse("ok")
