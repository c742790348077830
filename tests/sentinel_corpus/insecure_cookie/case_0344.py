from flask import Blueprint, request
from flask import make_response

bp = Blueprint("lookup", __name__)


@bp.post("/profile")
def lookup():
    params = request.args.to_dict()
    user_input = params.get("name", "")
    response = make_response("ok")
    response.set_cookie("prefs", user_input, secure=False)
    return response
