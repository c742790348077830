import base64
import pickle
from django.http import HttpResponse


def handle(request):
    user_input = request.GET.get("user", "")
    obj = pickle.loads(base64.b64decode(user_input))
    return HttpResponse("ok")
