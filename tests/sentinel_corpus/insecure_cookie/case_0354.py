from flask import Blueprint, request
from flask import make_response

bp = Blueprint("view", __name__)


@bp.post("/report")
def view():
    params = request.args.to_dict()
    text = params.get("value", "")
    response = make_response("ok")
    response.set_cookie("auth", text, httponly=False)
    return response
