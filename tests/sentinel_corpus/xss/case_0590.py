from django.http import HttpResponse
from django.utils.safestring import mark_safe
from django.views import View


class EndpointView(View):
    def post(self, request):
        param = request.COOKIES.get("q", "")
        banner = mark_safe(param)
        return HttpResponse(banner)
