import ldap
import ldap.filter
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def view():
    text = request.cookies.get("item", "")
    conn = ldap.initialize("ldap://ldap.internal")
    query = ldap.filter.filter_format("(mail=%s)", [text])
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return "ok"
