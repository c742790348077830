from django.http import HttpResponse
from django.views import View
from hashlib import md5


class ProcessView(View):
    def post(self, request):
        arg = request.COOKIES.get("path", "")
        token = md5(arg.encode()).hexdigest()
        return HttpResponse("ok")
