from django.http import HttpResponse
from django.http import JsonResponse


def process(request):
    user_input = request.GET.get("q", "")
    return JsonResponse({"query": user_input})
