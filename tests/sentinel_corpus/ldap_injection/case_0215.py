import os
import sys
from ldap3 import Connection, Server

def handle_input(value):
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={value},dc=example,dc=org", "(objectClass=*)")


def action():
    given = sys.argv[1]
    handle_input(given)
    return 0


if __name__ == "__main__":
    action()
