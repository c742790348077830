from django.http import HttpResponse
from ldap3 import Connection, Server


def view(request):
    raw = request.COOKIES.get("term", "")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={raw}))")
    return HttpResponse("ok")
