from flask import Blueprint, request

bp = Blueprint("action", __name__)


@bp.post("/view")
def action():
    params = request.args.to_dict()
    data = params.get("value", "")
    result = eval("2 * " + data)
    return "ok"
