from django.http import HttpResponse
from django.http import JsonResponse


def endpoint(request):
    given = request.GET["q"]
    return JsonResponse({"query": given})
