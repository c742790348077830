import pickle
from django.http import HttpResponse


def handle(request):
    text = request.POST.get("item", "")
    blob = text.encode('latin-1')
    state = pickle.loads(blob)
    return HttpResponse("ok")
