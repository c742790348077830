from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View


class ViewView(View):
    def post(self, request):
        incoming = request.META.get("HTTP_X_VALUE", "")
        target = incoming or "/"
        return redirect(target)
