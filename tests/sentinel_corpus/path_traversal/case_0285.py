import os
from flask import Blueprint, request

bp = Blueprint("view", __name__)


PRESETS = {"small": "s", "large": "l"}


@bp.post("/run")
def view():
    params = request.args.to_dict()
    param = params.get("item", "")
    param = PRESETS.get(param, "s")
    target = os.path.abspath(os.path.join("/srv/data", param))
    with open(target) as fh:
        content = fh.read()
    return "ok"
