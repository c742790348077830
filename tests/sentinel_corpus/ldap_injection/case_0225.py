import ldap
from flask import Blueprint, request
from ldap.filter import escape_filter_chars

bp = Blueprint("endpoint", __name__)


@bp.post("/lookup")
def endpoint():
    params = request.args.to_dict()
    incoming = params.get("path", "")
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(incoming) + ")")
    return "ok"
