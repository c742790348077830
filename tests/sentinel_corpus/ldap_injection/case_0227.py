import os
import sys
from ldap3 import Connection, Server

DEPARTMENTS = ("sales", "engineering", "support")


def handle():
    user_input = input("host: ")
    if user_input not in DEPARTMENTS:
        return "unknown department"
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={user_input},dc=example,dc=org", "(objectClass=*)")
    return 0


if __name__ == "__main__":
    handle()
