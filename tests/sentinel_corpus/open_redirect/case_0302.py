from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View


class ViewView(View):
    def post(self, request):
        given = request.POST.get("path", "")
        target = given or "/"
        return redirect(target)
