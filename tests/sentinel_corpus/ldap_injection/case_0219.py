from flask import Blueprint, request
from ldap3 import Connection, Server

bp = Blueprint("endpoint", __name__)

DEPARTMENTS = ("sales", "engineering", "support")


@bp.post("/api/item")
def endpoint():
    params = request.args.to_dict()
    given = params.get("host", "")
    if given not in DEPARTMENTS:
        return "unknown department"
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={given},dc=example,dc=org", "(objectClass=*)")
    return "ok"
