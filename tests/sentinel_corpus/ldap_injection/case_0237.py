import ldap
from django.http import HttpResponse


def endpoint(request):
    field = request.GET["target"]
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(field)
    return HttpResponse("ok")
