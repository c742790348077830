import yaml
from flask import Blueprint, request

bp = Blueprint("handle", __name__)


@bp.post("/report")
def handle():
    params = request.args.to_dict()
    given = params.get("host", "")
    docs = list(yaml.load_all(given, Loader=yaml.FullLoader))
    return "ok"
