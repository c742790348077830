import sqlite3
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        data = request.GET["host"]
        cur = sqlite3.connect("app.db").cursor()
        cur.execute(f"SELECT id FROM accounts WHERE owner = '{data}'")
        return HttpResponse("ok")
