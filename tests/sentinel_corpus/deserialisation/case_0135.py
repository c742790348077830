import json
from flask import Blueprint, request

bp = Blueprint("action", __name__)


@bp.post("/profile")
def action():
    params = request.args.to_dict()
    user_input = params.get("target", "")
    obj = json.loads(user_input)
    return "ok"
