import ldap
from django.http import HttpResponse
from ldap.filter import escape_filter_chars


def process(request):
    text = request.GET["doc"]
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(text) + ")")
    return HttpResponse("ok")
