from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/run")
def process():
    params = request.args.to_dict()
    arg = params.get("user", "")
    return {"query": arg, "results": []}
