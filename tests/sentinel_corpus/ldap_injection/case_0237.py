import ldap
import ldap.filter
from flask import Blueprint, request

bp = Blueprint("process", __name__)

def do_work(value):
    conn = ldap.initialize("ldap://ldap.internal")
    query = ldap.filter.filter_format("(mail=%s)", [value])
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)


@bp.post("/search")
def process():
    params = request.args.to_dict()
    user_input = params.get("doc", "")
    do_work(user_input)
    return "ok"
