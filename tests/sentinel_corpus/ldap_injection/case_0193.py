import ldap
from django.http import HttpResponse

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        directory = ldap.initialize("ldap://ldap.internal")
        query = "(mail=%s)" % self.value
        directory.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)


def view(request):
    arg = request.GET.get("host", "")
    Job(arg).run()
    return HttpResponse("ok")
