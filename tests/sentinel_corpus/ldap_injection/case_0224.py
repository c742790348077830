import ldap
import ldap.filter
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def handle():
    value = request.headers.get("X-Path", "")
    conn = ldap.initialize("ldap://ldap.internal")
    query = ldap.filter.filter_format("(mail=%s)", [value])
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return "ok"
