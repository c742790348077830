from flask import Blueprint, request
from flask import make_response

bp = Blueprint("handle", __name__)


@bp.post("/report")
def handle():
    params = request.args.to_dict()
    incoming = params.get("path", "")
    response = make_response("ok")
    response.set_cookie("session_id", incoming, max_age=3600, secure=True, httponly=True)
    return response
