import ldap
from django.http import HttpResponse
from django.views import View


class ViewView(View):
    def post(self, request):
        field = request.COOKIES.get("term", "")
        conn = ldap.initialize("ldap://ldap.internal")
        conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
        print(field)
        return HttpResponse("ok")
