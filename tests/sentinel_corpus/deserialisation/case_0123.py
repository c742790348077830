import yaml
from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/lookup")
def process():
    params = request.args.to_dict()
    user_input = params.get("item", "")
    config = yaml.safe_load(user_input)
    return "ok"
