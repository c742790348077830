from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def handle():
    param = request.values.get("item", "")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={param}))")
    return "ok"
