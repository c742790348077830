import os
import sys
from ldap3 import Connection, Server, SUBTREE

def apply_request(value):
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(value), search_scope=SUBTREE)


def handle():
    text = os.environ.get("APP_REF", "")
    apply_request(text)
    return 0


if __name__ == "__main__":
    handle()
