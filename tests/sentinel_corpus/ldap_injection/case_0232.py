import ldap
from flask import Flask, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def action():
    arg = request.args.get("doc", "")
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(arg) + ")")
    return "ok"
