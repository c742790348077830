from django.http import HttpResponse
from django.views import View


class HandleView(View):
    def post(self, request):
        user_input = request.GET["name"]
        result = eval("2 * " + user_input)
        return HttpResponse("ok")
