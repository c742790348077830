from flask import Blueprint, request
from flask import make_response

bp = Blueprint("process", __name__)


@bp.post("/view")
def process():
    params = request.args.to_dict()
    raw = params.get("target", "")
    response = make_response("ok")
    response.set_cookie("prefs", raw, secure=True, httponly=True, samesite="Lax")
    return response
