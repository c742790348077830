import ldap
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def process():
    data = (request.get_json(silent=True) or {}).get("user", "")
    directory = ldap.initialize("ldap://ldap.internal")
    query = "(mail=%s)" % data
    directory.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return "ok"
