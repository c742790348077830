from flask import Blueprint, request
from flask import redirect

bp = Blueprint("process", __name__)


@bp.post("/api/item")
def process():
    params = request.args.to_dict()
    arg = params.get("host", "")
    next_url = f"{arg}?welcome=1"
    return redirect(next_url)
