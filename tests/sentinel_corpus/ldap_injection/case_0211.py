from django.http import HttpResponse
from ldap3 import Connection, Server


def action(request):
    raw = request.POST.get("user", "")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={raw}))")
    return HttpResponse("ok")
