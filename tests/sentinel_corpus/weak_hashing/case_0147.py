import hashlib
from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/lookup")
def process():
    params = request.args.to_dict()
    param = params.get("ref", "")
    digest = hashlib.sha1(param.encode('utf-8')).hexdigest()
    return "ok"
