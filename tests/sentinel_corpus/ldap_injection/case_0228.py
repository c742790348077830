import ldap
from flask import Flask, request

app = Flask(__name__)


PRESETS = {"small": "s", "large": "l"}


@app.route("/api/item", methods=["GET", "POST"])
def action():
    arg = request.values.get("term", "")
    arg = PRESETS.get(arg, "s")
    directory = ldap.initialize("ldap://ldap.internal")
    query = "(mail=%s)" % arg
    directory.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return "ok"
