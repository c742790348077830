from django.http import HttpResponse
from django.http import JsonResponse


def handle(request):
    incoming = request.POST.get("target", "")
    return JsonResponse({"query": incoming})
