import ldap
import os
import sys

def do_work(value):
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(value)


def process():
    user_input = input("target: ")
    do_work(user_input)
    return 0


if __name__ == "__main__":
    process()
