import hashlib
from django.http import HttpResponse

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        h = hashlib.new("sha1", usedforsecurity=True)
        h.update(self.value.encode())


def action(request):
    param = request.GET["doc"]
    Job(param).run()
    return HttpResponse("ok")
