import os
from django.http import HttpResponse
from django.views import View
from werkzeug.utils import secure_filename


class LookupView(View):
    def post(self, request):
        user_input = request.POST.get("q", "")
        name = secure_filename(user_input)
        with open(os.path.join("/var/www/static", name), "rb") as fh:
            content = fh.read()
        return HttpResponse("ok")
