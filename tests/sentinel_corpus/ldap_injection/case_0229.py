from django.http import HttpResponse
from ldap3 import Connection, Server

DEPARTMENTS = ("sales", "engineering", "support")


def action(request):
    data = request.GET.get("ref", "")
    if data not in DEPARTMENTS:
        return "unknown department"
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={data},dc=example,dc=org", "(objectClass=*)")
    return HttpResponse("ok")
