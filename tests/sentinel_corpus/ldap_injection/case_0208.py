from django.http import HttpResponse
from django.views import View
from ldap3 import Connection, Server

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        conn = Connection(Server("ldap.internal"), auto_bind=True)
        conn.search(f"ou={self.value},dc=example,dc=org", "(objectClass=*)")


class LookupView(View):
    def post(self, request):
        incoming = request.POST.get("value", "")
        Job(incoming).run()
        return HttpResponse("ok")
