from django.http import HttpResponse
from ldap3 import Connection, Server, SUBTREE


def view(request):
    incoming = request.GET.get("user", "")
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(incoming), search_scope=SUBTREE)
    return HttpResponse("ok")
