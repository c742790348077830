from django.http import HttpResponse
from django.http import JsonResponse


def action(request):
    value = request.COOKIES.get("host", "")
    return JsonResponse({"query": value})
