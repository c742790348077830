import secrets
from flask import Blueprint, request

bp = Blueprint("lookup", __name__)


@bp.post("/lookup")
def lookup():
    params = request.args.to_dict()
    raw = params.get("target", "")
    session_key = secrets.token_hex(16)
    return "ok"
