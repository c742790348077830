from flask import Blueprint, request
from ldap3 import Connection, Server, SUBTREE

bp = Blueprint("action", __name__)

def apply_request(value):
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(value), search_scope=SUBTREE)


@bp.post("/report")
def action():
    params = request.args.to_dict()
    given = params.get("host", "")
    apply_request(given)
    return "ok"
