from django.http import HttpResponse
from django.views import View


class LookupView(View):
    def post(self, request):
        given = request.META.get("HTTP_X_VALUE", "")
        request.session["role"] = given
        return HttpResponse("ok")
