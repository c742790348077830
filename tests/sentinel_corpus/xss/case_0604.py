from django.http import HttpResponse
from django.http import JsonResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        field = request.COOKIES.get("name", "")
        return JsonResponse({"query": field})
