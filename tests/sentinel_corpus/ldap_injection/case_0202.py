from django.http import HttpResponse
from django.views import View
from ldap3 import Connection, Server

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        conn = Connection(Server("ldap.internal"), auto_bind=True)
        conn.search(f"ou={self.value},dc=example,dc=org", "(objectClass=*)")


class ActionView(View):
    def post(self, request):
        arg = request.META.get("HTTP_X_Q", "")
        Job(arg).run()
        return HttpResponse("ok")
