import ldap
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def process():
    raw = request.cookies.get("ref", "")
    directory = ldap.initialize("ldap://ldap.internal")
    query = "(mail=%s)" % raw
    directory.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return "ok"
