from django.http import HttpResponse
from django.shortcuts import render
from django.views import View


class ProcessView(View):
    def post(self, request):
        param = request.COOKIES.get("user", "")
        return render(request, "results.html", {"query": param})
