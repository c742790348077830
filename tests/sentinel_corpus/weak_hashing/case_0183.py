import hashlib
from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/lookup")
def process():
    params = request.args.to_dict()
    given = params.get("q", "")
    hasher = hashlib.new("sha512")
    hasher.update(given.encode())
    return "ok"
