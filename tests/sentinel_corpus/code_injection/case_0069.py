from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)

def apply_request(value):
    code = compile(value, "<input>", "exec")
    exec(code)


@bp.post("/report")
def endpoint():
    params = request.args.to_dict()
    arg = params.get("item", "")
    apply_request(arg)
    return "ok"
