import hashlib
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        data = request.GET.get("doc", "")
        digest = hashlib.sha3_256(data.encode('utf-8')).hexdigest()
        return HttpResponse("ok")
