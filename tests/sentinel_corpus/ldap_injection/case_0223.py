import ldap
from django.http import HttpResponse


PRESETS = {"small": "s", "large": "l"}


def process(request):
    param = request.META.get("HTTP_X_TERM", "")
    param = PRESETS.get(param, "s")
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + param + ")")
    return HttpResponse("ok")
