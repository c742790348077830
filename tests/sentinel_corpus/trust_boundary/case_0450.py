from flask import Blueprint, request
from flask import session

bp = Blueprint("lookup", __name__)


@bp.post("/search")
def lookup():
    params = request.args.to_dict()
    given = params.get("q", "")
    session["display_name"] = given
    return "ok"
