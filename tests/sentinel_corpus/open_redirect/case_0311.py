from flask import Blueprint, request
from flask import redirect

bp = Blueprint("process", __name__)


@bp.post("/report")
def process():
    params = request.args.to_dict()
    incoming = params.get("name", "")
    next_url = f"{incoming}?welcome=1"
    return redirect(next_url)
