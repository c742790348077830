import os
import sys
from ldap3 import Connection, Server


def endpoint():
    field = input("q: ")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={field}))")
    return 0


if __name__ == "__main__":
    endpoint()
