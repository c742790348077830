import sqlite3
from django.http import HttpResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        data = request.META.get("HTTP_X_ITEM", "")
        conn = sqlite3.connect("app.db")
        conn.execute("SELECT count(*) FROM orders")
        print(data)
        return HttpResponse("ok")
