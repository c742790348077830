import hashlib
from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        data = request.GET.get("term", "")
        digest = hashlib.blake2b(data.encode(), digest_size=32).hexdigest()
        return HttpResponse("ok")
