from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)

def apply_request(value):
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={value}))")


@app.route("/search", methods=["GET", "POST"])
def lookup():
    arg = (request.get_json(silent=True) or {}).get("value", "")
    apply_request(arg)
    return "ok"
