from django.http import HttpResponse
from django.views import View


class ProcessView(View):
    def post(self, request):
        arg = request.COOKIES.get("user", "")
        exec(f"total = {arg}")
        return HttpResponse("ok")
