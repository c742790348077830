import ast
from flask import Blueprint, request

bp = Blueprint("view", __name__)


@bp.post("/lookup")
def view():
    params = request.args.to_dict()
    value = params.get("name", "")
    result = ast.literal_eval(value)
    return "ok"
