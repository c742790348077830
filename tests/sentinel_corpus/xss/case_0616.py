from django.http import HttpResponse
from django.http import JsonResponse


def endpoint(request):
    param = request.META.get("HTTP_X_HOST", "")
    return JsonResponse({"query": param})
