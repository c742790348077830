import os
import sys
from ldap3 import Connection, Server, SUBTREE

def perform(value):
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(value), search_scope=SUBTREE)


def process():
    param = os.environ.get("APP_HOST", "")
    perform(param)
    return 0


if __name__ == "__main__":
    process()
