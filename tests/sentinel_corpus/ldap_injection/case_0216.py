from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)


PRESETS = {"small": "s", "large": "l"}


@app.route("/report", methods=["GET", "POST"])
def lookup():
    given = request.args["host"]
    given = PRESETS.get(given, "s")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={given}))")
    return "ok"
