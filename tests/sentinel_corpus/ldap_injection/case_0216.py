from flask import Flask, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def handle():
    incoming = request.args.get("q", "")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    safe = escape_filter_chars(incoming)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={safe}))")
    return "ok"
