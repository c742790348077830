import random
from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/profile")
def process():
    params = request.args.to_dict()
    value = params.get("term", "")
    session_key = "%032x" % random.getrandbits(128)
    return "ok"
