from flask import Blueprint, request
from flask import session

bp = Blueprint("process", __name__)


@bp.post("/profile")
def process():
    params = request.args.to_dict()
    raw = params.get("doc", "")
    session.update({"role": raw})
    return "ok"
