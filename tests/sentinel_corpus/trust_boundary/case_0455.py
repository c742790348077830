from flask import Blueprint, request
from flask import session

bp = Blueprint("handle", __name__)


@bp.post("/api/item")
def handle():
    params = request.args.to_dict()
    param = params.get("name", "")
    session.update({"user": param})
    return "ok"
