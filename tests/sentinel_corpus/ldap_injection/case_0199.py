import ldap
import os
import sys


def process():
    incoming = os.environ.get("APP_VALUE", "")
    directory = ldap.initialize("ldap://ldap.internal")
    query = "(mail=%s)" % incoming
    directory.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return 0


if __name__ == "__main__":
    process()
