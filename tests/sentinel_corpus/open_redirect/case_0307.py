from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View


class ActionView(View):
    def post(self, request):
        given = request.POST.get("ref", "")
        target = given or "/"
        return redirect(target)
