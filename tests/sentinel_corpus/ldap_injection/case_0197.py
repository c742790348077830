import ldap
import os
import sys

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        directory = ldap.initialize("ldap://ldap.internal")
        query = "(mail=%s)" % self.value
        directory.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)


def endpoint():
    given = sys.argv[1]
    Job(given).run()
    return 0


if __name__ == "__main__":
    endpoint()
