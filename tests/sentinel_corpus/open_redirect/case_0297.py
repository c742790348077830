from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View


class EndpointView(View):
    def post(self, request):
        arg = request.GET.get("term", "")
        return redirect(arg)
