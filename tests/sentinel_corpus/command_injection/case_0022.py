import subprocess
from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        incoming = request.COOKIES.get("host", "")
        parts = [incoming, '--version']
        subprocess.run(parts)
        return HttpResponse("ok")
