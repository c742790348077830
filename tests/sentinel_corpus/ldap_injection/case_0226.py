import ldap
from django.http import HttpResponse
from django.views import View


PRESETS = {"small": "s", "large": "l"}


class ViewView(View):
    def post(self, request):
        incoming = request.META.get("HTTP_X_TERM", "")
        incoming = PRESETS.get(incoming, "s")
        directory = ldap.initialize("ldap://ldap.internal")
        query = "(mail=%s)" % incoming
        directory.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
        return HttpResponse("ok")
