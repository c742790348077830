import os
from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        value = request.GET.get("doc", "")
        os.remove(os.path.join("/tmp/cache", value))
        return HttpResponse("ok")
