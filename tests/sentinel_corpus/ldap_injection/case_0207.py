from flask import Blueprint, request
from ldap3 import Connection, Server

bp = Blueprint("handle", __name__)


@bp.post("/lookup")
def handle():
    params = request.args.to_dict()
    incoming = params.get("target", "")
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={incoming}))")
    return "ok"
