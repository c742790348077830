from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        data = request.COOKIES.get("term", "")
        html = f"<p>Results for {data}</p>"
        return HttpResponse(html)
