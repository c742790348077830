from django.http import HttpResponse
from django.utils.safestring import mark_safe
from django.views import View


class ViewView(View):
    def post(self, request):
        given = request.META.get("HTTP_X_VALUE", "")
        banner = mark_safe(given)
        return HttpResponse(banner)
