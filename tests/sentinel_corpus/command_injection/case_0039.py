import os
import shlex
from flask import Blueprint, request

bp = Blueprint("handle", __name__)


@bp.post("/report")
def handle():
    params = request.args.to_dict()
    raw = params.get("value", "")
    os.system("ping -c 1 " + shlex.quote(raw))
    return "ok"
