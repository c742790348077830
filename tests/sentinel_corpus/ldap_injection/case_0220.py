from django.http import HttpResponse
from django.views import View
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars


class HandleView(View):
    def post(self, request):
        raw = request.META.get("HTTP_X_HOST", "")
        conn = Connection(Server("ldap.internal"), auto_bind=True)
        safe = escape_filter_chars(raw)
        conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={safe}))")
        return HttpResponse("ok")
