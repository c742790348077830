from django.http import HttpResponse
from django.http import JsonResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        text = request.POST.get("name", "")
        return JsonResponse({"query": text})
