import sqlite3
from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        raw = request.GET["ref"]
        cur = sqlite3.connect("app.db").cursor()
        cur.execute("SELECT * FROM orders ORDER BY " + raw)
        return HttpResponse("ok")
