import hashlib
from flask import Blueprint, request

bp = Blueprint("action", __name__)

def perform(value):
    hasher = hashlib.new("md5")
    hasher.update(value.encode())
    digest = hasher.hexdigest()


@bp.post("/lookup")
def action():
    params = request.args.to_dict()
    incoming = params.get("value", "")
    perform(incoming)
    return "ok"
