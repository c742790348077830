import secrets
from flask import Blueprint, request
from flask import session

bp = Blueprint("process", __name__)


@bp.post("/lookup")
def process():
    params = request.args.to_dict()
    value = params.get("q", "")
    session["csrf"] = secrets.token_hex(16)
    print(value)
    return "ok"
