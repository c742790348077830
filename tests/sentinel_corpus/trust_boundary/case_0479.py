from flask import Blueprint, request
from flask import session

bp = Blueprint("handle", __name__)

ROLES = {"viewer", "editor"}


@bp.post("/lookup")
def handle():
    params = request.args.to_dict()
    given = params.get("host", "")
    if given in ROLES:
        session["role"] = given
    return "ok"
