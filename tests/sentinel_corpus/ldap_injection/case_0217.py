import ldap
from django.http import HttpResponse

def apply_request(value):
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(value)


def action(request):
    user_input = request.GET.get("ref", "")
    apply_request(user_input)
    return HttpResponse("ok")
