import hashlib
from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/lookup")
def process():
    params = request.args.to_dict()
    raw = params.get("host", "")
    password_hash = hashlib.sha1(("salt" + raw).encode()).digest()
    return "ok"
