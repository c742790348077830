from flask import Blueprint, request
from flask import make_response

bp = Blueprint("process", __name__)


@bp.post("/search")
def process():
    params = request.args.to_dict()
    param = params.get("doc", "")
    response = make_response("ok")
    response.set_cookie("remember", param, httponly=True, secure=True, samesite="Strict")
    return response
