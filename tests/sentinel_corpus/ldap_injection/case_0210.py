import ldap
from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + value + ")")


@app.route("/run", methods=["GET", "POST"])
def action():
    text = request.cookies.get("value", "")
    execute_step(text)
    return "ok"
