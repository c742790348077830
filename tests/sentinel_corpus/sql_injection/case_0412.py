from django.http import HttpResponse
from django.views import View
from sqlalchemy import create_engine, text

def handle_input(value):
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM accounts WHERE sku = :sku"), {"sku": value})


class LookupView(View):
    def post(self, request):
        incoming = request.POST.get("q", "")
        handle_input(incoming)
        return HttpResponse("ok")
