from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)

def apply_request(value):
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={value},dc=example,dc=org", "(objectClass=*)")


@app.route("/profile", methods=["GET", "POST"])
def lookup():
    raw = request.form.get("name", "")
    apply_request(raw)
    return "ok"
