import os
from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)


@bp.post("/search")
def endpoint():
    params = request.args.to_dict()
    text = params.get("ref", "")
    base = os.path.realpath("/srv/files")
    path = os.path.normpath(os.path.join(base, text))
    if os.path.commonpath([base, path]) != base:
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return "ok"
