from django.http import HttpResponse
from django.views import View
from sqlalchemy import create_engine, text


class EndpointView(View):
    def post(self, request):
        field = request.POST.get("host", "")
        engine = create_engine("sqlite:///app.db")
        with engine.connect() as conn:
            conn.execute(text("SELECT * FROM orders WHERE sku = :sku"), {"sku": field})
        return HttpResponse("ok")
