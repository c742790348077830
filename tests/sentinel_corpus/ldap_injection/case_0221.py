import os
import sys
from ldap3 import Connection, Server, SUBTREE


PRESETS = {"small": "s", "large": "l"}


def view():
    given = os.environ.get("APP_Q", "")
    given = PRESETS.get(given, "s")
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(given), search_scope=SUBTREE)
    return 0


if __name__ == "__main__":
    view()
