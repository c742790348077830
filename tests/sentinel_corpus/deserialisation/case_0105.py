import binascii
import marshal
from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)


@bp.post("/search")
def endpoint():
    params = request.args.to_dict()
    data = params.get("term", "")
    code = marshal.loads(binascii.unhexlify(data))
    return "ok"
