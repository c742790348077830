from flask import Blueprint, request
from flask import make_response

bp = Blueprint("action", __name__)


@bp.post("/api/item")
def action():
    params = request.args.to_dict()
    data = params.get("term", "")
    response = make_response("ok")
    response.set_cookie("remember", data, secure=True, httponly=True)
    return response
