import ldap
import os
import sys

def apply_request(value):
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(value)


def handle():
    given = input("target: ")
    apply_request(given)
    return 0


if __name__ == "__main__":
    handle()
