from flask import Blueprint, request
from flask import redirect

bp = Blueprint("process", __name__)


@bp.post("/view")
def process():
    params = request.args.to_dict()
    value = params.get("value", "")
    if value.startswith("http"):
        return redirect(value)
    return redirect("/")
