import os
from flask import Blueprint, request

bp = Blueprint("handle", __name__)


@bp.post("/lookup")
def handle():
    params = request.args.to_dict()
    raw = params.get("value", "")
    base = "/srv/data"
    target = os.path.realpath(os.path.join(base, raw))
    if not target.startswith(base + os.sep):
        return "denied"
    with open(target) as fh:
        content = fh.read()
    return "ok"
