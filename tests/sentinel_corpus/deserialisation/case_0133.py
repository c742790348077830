import pickle
from django.http import HttpResponse


def handle(request):
    text = request.COOKIES.get("value", "")
    snapshot = pickle.dumps({'query': text})
    copy = pickle.loads(snapshot)
    return HttpResponse("ok")
