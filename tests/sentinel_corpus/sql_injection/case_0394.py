import sqlite3
from django.http import HttpResponse
from django.views import View


class ProcessView(View):
    def post(self, request):
        user_input = request.GET["doc"]
        conn = sqlite3.connect("app.db")
        rows = conn.execute("SELECT * FROM users WHERE name = '" + user_input + "'").fetchall()
        return HttpResponse("ok")
