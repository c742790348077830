from django.http import HttpResponse
from ldap3 import Connection, Server


def view(request):
    param = request.COOKIES.get("name", "")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={param}))")
    return HttpResponse("ok")
