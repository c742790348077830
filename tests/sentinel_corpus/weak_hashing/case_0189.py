import hashlib
from flask import Blueprint, request

bp = Blueprint("action", __name__)


@bp.post("/profile")
def action():
    params = request.args.to_dict()
    given = params.get("q", "")
    digest = hashlib.sha3_256(given.encode('utf-8')).hexdigest()
    return "ok"
