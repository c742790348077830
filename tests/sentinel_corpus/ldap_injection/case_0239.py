import os
import sys
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

def apply_request(value):
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    safe = escape_filter_chars(value)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={safe}))")


def endpoint():
    text = input("host: ")
    apply_request(text)
    return 0


if __name__ == "__main__":
    endpoint()
