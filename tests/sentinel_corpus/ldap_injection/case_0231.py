import ldap
import os
import sys
from ldap.filter import escape_filter_chars


def action():
    field = sys.argv[1]
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(field) + ")")
    return 0


if __name__ == "__main__":
    action()
