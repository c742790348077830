import re
from flask import Blueprint, request
from flask import session

bp = Blueprint("action", __name__)


@bp.post("/api/item")
def action():
    params = request.args.to_dict()
    incoming = params.get("value", "")
    if re.fullmatch(r"[a-z]{2}", incoming):
        session["lang"] = incoming
    return "ok"
