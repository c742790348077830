import ldap
from django.http import HttpResponse
from ldap.filter import escape_filter_chars


def view(request):
    value = request.GET["ref"]
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(value) + ")")
    return HttpResponse("ok")
