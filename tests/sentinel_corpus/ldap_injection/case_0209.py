import os
import sys
from ldap3 import Connection, Server


def process():
    arg = sys.argv[1]
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={arg}))")
    return 0


if __name__ == "__main__":
    process()
