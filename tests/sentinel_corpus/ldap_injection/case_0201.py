import ldap
from flask import Blueprint, request

bp = Blueprint("action", __name__)

def do_work(value):
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + value + ")")


@bp.post("/api/item")
def action():
    params = request.args.to_dict()
    field = params.get("value", "")
    do_work(field)
    return "ok"
