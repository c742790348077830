import random
from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)


@bp.post("/profile")
def endpoint():
    params = request.args.to_dict()
    arg = params.get("name", "")
    otp = random.SystemRandom().randint(100000, 999999)
    return "ok"
