import os
import sys
from ldap3 import Connection, Server, SUBTREE


def lookup():
    raw = os.environ.get("APP_USER", "")
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(raw), search_scope=SUBTREE)
    return 0


if __name__ == "__main__":
    lookup()
