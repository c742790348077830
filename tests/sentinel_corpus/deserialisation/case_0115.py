import base64
import pickle
from django.http import HttpResponse

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        obj = pickle.loads(base64.b64decode(self.value))


def handle(request):
    text = request.GET["term"]
    Job(text).run()
    return HttpResponse("ok")
