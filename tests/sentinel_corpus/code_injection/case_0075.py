import json
from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/profile")
def process():
    params = request.args.to_dict()
    param = params.get("value", "")
    result = json.loads(param)
    return "ok"
