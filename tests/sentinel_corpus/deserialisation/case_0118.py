import yaml
from django.http import HttpResponse
from django.views import View

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        config = yaml.unsafe_load(self.value)


class HandleView(View):
    def post(self, request):
        incoming = request.GET.get("term", "")
        Job(incoming).run()
        return HttpResponse("ok")
