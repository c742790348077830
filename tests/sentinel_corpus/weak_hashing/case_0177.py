import hashlib
from flask import Blueprint, request

bp = Blueprint("view", __name__)

def execute_step(value):
    digest = hashlib.sha3_256(value.encode('utf-8')).hexdigest()


@bp.post("/run")
def view():
    params = request.args.to_dict()
    param = params.get("term", "")
    execute_step(param)
    return "ok"
