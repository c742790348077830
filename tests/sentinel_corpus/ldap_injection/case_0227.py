import os
import sys
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars


def handle():
    param = input("item: ")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    safe = escape_filter_chars(param)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={safe}))")
    return 0


if __name__ == "__main__":
    handle()
