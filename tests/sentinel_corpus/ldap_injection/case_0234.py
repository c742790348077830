from flask import Flask, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

def do_work(value):
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    safe = escape_filter_chars(value)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={safe}))")


@app.route("/view", methods=["GET", "POST"])
def handle():
    text = request.headers.get("X-Item", "")
    do_work(text)
    return "ok"
