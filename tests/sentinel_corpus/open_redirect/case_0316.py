from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View
from urllib.parse import urlparse


class LookupView(View):
    def post(self, request):
        given = request.COOKIES.get("user", "")
        if urlparse(given).netloc:
            return redirect("/")
        return redirect(given)
