from django.http import HttpResponse
from ldap3 import Connection, Server

def handle_input(value):
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={value}))")


def process(request):
    value = request.GET.get("user", "")
    handle_input(value)
    return HttpResponse("ok")
