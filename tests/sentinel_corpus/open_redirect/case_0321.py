from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View
from urllib.parse import urlparse


class ProcessView(View):
    def post(self, request):
        text = request.META.get("HTTP_X_PATH", "")
        if urlparse(text).netloc:
            return redirect("/")
        return redirect(text)
