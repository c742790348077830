from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View
from urllib.parse import urlparse


class ProcessView(View):
    def post(self, request):
        incoming = request.META.get("HTTP_X_TERM", "")
        if urlparse(incoming).netloc:
            return redirect("/")
        return redirect(incoming)
