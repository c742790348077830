from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View

ALLOWED = {"/", "/home", "/account"}


class HandleView(View):
    def post(self, request):
        param = request.META.get("HTTP_X_USER", "")
        if param not in ALLOWED:
            return redirect("/")
        return redirect(param)
