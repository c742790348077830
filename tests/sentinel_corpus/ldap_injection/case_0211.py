import ldap
import os
import sys


def endpoint():
    param = input("term: ")
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + param + ")")
    return 0


if __name__ == "__main__":
    endpoint()
