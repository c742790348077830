import pickle
from django.http import HttpResponse


def handle(request):
    value = request.COOKIES.get("target", "")
    snapshot = pickle.dumps({'query': value})
    copy = pickle.loads(snapshot)
    return HttpResponse("ok")
