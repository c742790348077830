from django.http import HttpResponse
from ldap3 import Connection, Server, SUBTREE


def endpoint(request):
    arg = request.COOKIES.get("path", "")
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(arg), search_scope=SUBTREE)
    return HttpResponse("ok")
