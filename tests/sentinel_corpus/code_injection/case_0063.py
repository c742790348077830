from flask import Blueprint, request

bp = Blueprint("view", __name__)


@bp.post("/search")
def view():
    params = request.args.to_dict()
    raw = params.get("term", "")
    expr = "{} + 1".format(raw)
    answer = eval(expr, {})
    return "ok"
