from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    param = request.args["path"]
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={param},dc=example,dc=org", "(objectClass=*)")
    return "ok"
