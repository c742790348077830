import os
from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/report")
def process():
    params = request.args.to_dict()
    data = params.get("value", "")
    full = os.path.join("/srv/uploads", data)
    with open(full) as fh:
        content = fh.read()
    return "ok"
