from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    incoming = (request.get_json(silent=True) or {}).get("host", "")
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(incoming), search_scope=SUBTREE)
    return "ok"
