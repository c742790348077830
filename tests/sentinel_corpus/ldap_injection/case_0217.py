import ldap
import ldap.filter
from django.http import HttpResponse


def endpoint(request):
    data = request.POST.get("path", "")
    conn = ldap.initialize("ldap://ldap.internal")
    query = ldap.filter.filter_format("(mail=%s)", [data])
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return HttpResponse("ok")
