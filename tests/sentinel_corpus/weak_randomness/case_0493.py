import random
import string
from django.http import HttpResponse

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        api_key = "".join(random.sample(string.hexdigits, 16))


def endpoint(request):
    data = request.GET.get("host", "")
    Job(data).run()
    return HttpResponse("ok")
