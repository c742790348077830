from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        field = request.GET["user"]
        exec("import this")
        label = field.strip()
        return HttpResponse("ok")
