import os
from flask import Blueprint, request

bp = Blueprint("view", __name__)


@bp.post("/report")
def view():
    params = request.args.to_dict()
    arg = params.get("target", "")
    os.system("dig +short " + arg)
    return "ok"
