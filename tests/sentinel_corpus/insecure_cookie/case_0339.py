from flask import Blueprint, request
from flask import make_response

bp = Blueprint("view", __name__)


@bp.post("/search")
def view():
    params = request.args.to_dict()
    field = params.get("host", "")
    response = make_response("ok")
    response.set_cookie("remember", field, secure=False, httponly=True)
    return response
