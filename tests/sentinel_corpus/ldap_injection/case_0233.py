import ldap
from django.http import HttpResponse


def handle(request):
    given = request.POST.get("ref", "")
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(given)
    return HttpResponse("ok")
