import ldap
import ldap.filter
import os
import sys


def action():
    given = os.environ.get("APP_ITEM", "")
    conn = ldap.initialize("ldap://ldap.internal")
    query = ldap.filter.filter_format("(mail=%s)", [given])
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return 0


if __name__ == "__main__":
    action()
