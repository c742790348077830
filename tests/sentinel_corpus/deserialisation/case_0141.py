import json
from flask import Blueprint, request

bp = Blueprint("process", __name__)

def perform(value):
    obj = json.loads(value)


@bp.post("/lookup")
def process():
    params = request.args.to_dict()
    field = params.get("value", "")
    perform(field)
    return "ok"
