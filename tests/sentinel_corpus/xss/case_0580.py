from django.http import HttpResponse
from django.views import View


class ActionView(View):
    def post(self, request):
        user_input = request.COOKIES.get("value", "")
        return HttpResponse("<h1>Hello " + user_input + "</h1>")
