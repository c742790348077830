from django.http import HttpResponse
from ldap3 import Connection, Server, SUBTREE


def action(request):
    incoming = request.META.get("HTTP_X_DOC", "")
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(incoming), search_scope=SUBTREE)
    return HttpResponse("ok")
