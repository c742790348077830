from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)

DEPARTMENTS = ("sales", "engineering", "support")


@app.route("/api/item", methods=["GET", "POST"])
def view():
    text = request.values.get("q", "")
    if text not in DEPARTMENTS:
        return "unknown department"
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={text},dc=example,dc=org", "(objectClass=*)")
    return "ok"
