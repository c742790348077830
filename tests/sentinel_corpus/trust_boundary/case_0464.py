from flask import Blueprint, request
from flask import session

bp = Blueprint("view", __name__)


@bp.post("/api/item")
def view():
    params = request.args.to_dict()
    value = params.get("user", "")
    session["page_size"] = int(value)
    return "ok"
