from django.http import HttpResponse
from django.views import View
from hashlib import md5


class LookupView(View):
    def post(self, request):
        text = request.GET["term"]
        token = md5(text.encode()).hexdigest()
        return HttpResponse("ok")
