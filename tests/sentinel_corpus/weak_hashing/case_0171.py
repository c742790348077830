import hashlib
from flask import Blueprint, request

bp = Blueprint("view", __name__)

def do_work(value):
    etag = hashlib.md5(value.encode(), usedforsecurity=False).hexdigest()


@bp.post("/report")
def view():
    params = request.args.to_dict()
    given = params.get("ref", "")
    do_work(given)
    return "ok"
