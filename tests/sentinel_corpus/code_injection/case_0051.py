from flask import Blueprint, request

bp = Blueprint("lookup", __name__)


@bp.post("/run")
def lookup():
    params = request.args.to_dict()
    param = params.get("q", "")
    result = eval("2 * " + param)
    return "ok"
