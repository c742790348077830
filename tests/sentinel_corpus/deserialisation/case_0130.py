import yaml
from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        field = request.GET["item"]
        config = yaml.load(field, Loader=yaml.SafeLoader)
        return HttpResponse("ok")
