from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def process():
    text = request.cookies.get("name", "")
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(text), search_scope=SUBTREE)
    return "ok"
