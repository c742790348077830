import random
from flask import Blueprint, request

bp = Blueprint("view", __name__)

def do_work(value):
    nonce = random.random()


@bp.post("/profile")
def view():
    params = request.args.to_dict()
    raw = params.get("term", "")
    do_work(raw)
    return "ok"
