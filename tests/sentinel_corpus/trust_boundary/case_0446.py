from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        field = request.POST.get("target", "")
        request.session["cart_owner"] = field
        return HttpResponse("ok")
