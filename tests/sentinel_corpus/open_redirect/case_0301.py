from flask import Blueprint, request
from flask import redirect

bp = Blueprint("handle", __name__)


@bp.post("/api/item")
def handle():
    params = request.args.to_dict()
    text = params.get("doc", "")
    next_url = f"{text}?welcome=1"
    return redirect(next_url)
