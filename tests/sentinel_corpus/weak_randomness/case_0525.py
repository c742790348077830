import random
from flask import Blueprint, request

bp = Blueprint("view", __name__)


@bp.post("/view")
def view():
    params = request.args.to_dict()
    param = params.get("doc", "")
    otp = random.SystemRandom().randint(100000, 999999)
    return "ok"
