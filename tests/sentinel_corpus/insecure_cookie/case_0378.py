from flask import Blueprint, request
from flask import make_response

bp = Blueprint("action", __name__)


@bp.post("/profile")
def action():
    params = request.args.to_dict()
    field = params.get("user", "")
    response = make_response("ok")
    response.set_cookie("prefs", field, httponly=True, secure=True, samesite="Strict")
    return response
