from django.http import HttpResponse
from django.views import View
from ldap3 import Connection, Server

DEPARTMENTS = ("sales", "engineering", "support")


class ViewView(View):
    def post(self, request):
        field = request.POST.get("doc", "")
        if field not in DEPARTMENTS:
            return "unknown department"
        conn = Connection(Server("ldap.internal"), auto_bind=True)
        conn.search(f"ou={field},dc=example,dc=org", "(objectClass=*)")
        return HttpResponse("ok")
