from flask import Blueprint, request
from flask import session

bp = Blueprint("process", __name__)


@bp.post("/run")
def process():
    params = request.args.to_dict()
    field = params.get("item", "")
    session["role"] = field.strip().lower()
    return "ok"
