from django.http import HttpResponse
from django.shortcuts import render
from django.views import View


class HandleView(View):
    def post(self, request):
        text = request.GET["doc"]
        return render(request, "results.html", {"query": text})
