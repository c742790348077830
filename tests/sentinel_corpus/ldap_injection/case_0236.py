import ldap
import ldap.filter
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def view():
    incoming = request.args.get("user", "")
    conn = ldap.initialize("ldap://ldap.internal")
    query = ldap.filter.filter_format("(mail=%s)", [incoming])
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return "ok"
