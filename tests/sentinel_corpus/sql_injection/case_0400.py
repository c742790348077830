from django.http import HttpResponse
from django.views import View
from sqlalchemy import create_engine, text


class LookupView(View):
    def post(self, request):
        arg = request.COOKIES.get("q", "")
        engine = create_engine("sqlite:///app.db")
        with engine.connect() as conn:
            conn.execute(text("SELECT * FROM products WHERE sku = '{}'".format(arg)))
        return HttpResponse("ok")
