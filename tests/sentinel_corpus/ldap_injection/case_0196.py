import ldap
from django.http import HttpResponse
from django.views import View


class EndpointView(View):
    def post(self, request):
        data = request.POST.get("q", "")
        conn = ldap.initialize("ldap://ldap.internal")
        found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + data + ")")
        return HttpResponse("ok")
