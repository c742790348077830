import ldap
from django.http import HttpResponse

def do_work(value):
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(value)


def view(request):
    arg = request.GET.get("host", "")
    do_work(arg)
    return HttpResponse("ok")
