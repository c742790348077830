import os
from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)


PRESETS = {"small": "s", "large": "l"}


@bp.post("/profile")
def endpoint():
    params = request.args.to_dict()
    field = params.get("doc", "")
    field = PRESETS.get(field, "s")
    stream = os.popen("grep -r {} /var/log/app".format(field))
    lines = stream.read()
    return "ok"
