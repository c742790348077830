import random
from flask import Blueprint, request

bp = Blueprint("action", __name__)


@bp.post("/profile")
def action():
    params = request.args.to_dict()
    field = params.get("term", "")
    otp = random.SystemRandom().randint(100000, 999999)
    return "ok"
