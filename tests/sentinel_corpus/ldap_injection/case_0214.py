from django.http import HttpResponse
from django.views import View
from ldap3 import Connection, Server

def do_work(value):
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={value},dc=example,dc=org", "(objectClass=*)")


class ProcessView(View):
    def post(self, request):
        data = request.GET["value"]
        do_work(data)
        return HttpResponse("ok")
