from flask import Blueprint, request
from flask import make_response

bp = Blueprint("action", __name__)


@bp.post("/lookup")
def action():
    params = request.args.to_dict()
    raw = params.get("q", "")
    response = make_response("ok")
    response.set_cookie("prefs", raw, samesite="None")
    return response
