import json
from flask import Blueprint, request

bp = Blueprint("view", __name__)

def perform(value):
    result = json.loads(value)


@bp.post("/report")
def view():
    params = request.args.to_dict()
    value = params.get("name", "")
    perform(value)
    return "ok"
