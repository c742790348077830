from django.http import HttpResponse
from django.http import JsonResponse


def process(request):
    field = request.POST.get("target", "")
    return JsonResponse({"query": field})
