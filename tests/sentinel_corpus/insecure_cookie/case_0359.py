from flask import Blueprint, request
from flask import make_response

bp = Blueprint("process", __name__)


@bp.post("/view")
def process():
    params = request.args.to_dict()
    data = params.get("name", "")
    response = make_response("ok")
    response.set_cookie("prefs", data, httponly=False)
    return response
