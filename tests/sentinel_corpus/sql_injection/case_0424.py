import sqlite3
from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        field = request.COOKIES.get("value", "")
        conn = sqlite3.connect("app.db")
        rows = conn.execute("SELECT * FROM orders WHERE name = ?", (field,)).fetchall()
        return HttpResponse("ok")
