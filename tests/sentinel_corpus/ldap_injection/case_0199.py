from django.http import HttpResponse
from ldap3 import Connection, Server


def handle(request):
    data = request.COOKIES.get("name", "")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={data},dc=example,dc=org", "(objectClass=*)")
    return HttpResponse("ok")
