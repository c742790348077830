import ldap
from flask import Flask, request

app = Flask(__name__)

def do_work(value):
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + value + ")")


@app.route("/view", methods=["GET", "POST"])
def handle():
    data = request.values.get("ref", "")
    do_work(data)
    return "ok"
