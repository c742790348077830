from flask import Blueprint, request

bp = Blueprint("handle", __name__)

def do_work(value):
    result = eval("2 * 21")
    print(value)


@bp.post("/report")
def handle():
    params = request.args.to_dict()
    value = params.get("user", "")
    do_work(value)
    return "ok"
