import random
import string
from flask import Blueprint, request

bp = Blueprint("action", __name__)


@bp.post("/report")
def action():
    params = request.args.to_dict()
    data = params.get("user", "")
    api_key = "".join(random.sample(string.hexdigits, 16))
    return "ok"
