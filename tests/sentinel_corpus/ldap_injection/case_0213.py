import ldap
from flask import Blueprint, request

bp = Blueprint("view", __name__)

def execute_step(value):
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + value + ")")


@bp.post("/lookup")
def view():
    params = request.args.to_dict()
    field = params.get("user", "")
    execute_step(field)
    return "ok"
