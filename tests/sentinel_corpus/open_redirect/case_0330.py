from flask import Blueprint, request
from flask import redirect
from urllib.parse import urlparse

bp = Blueprint("handle", __name__)


@bp.post("/search")
def handle():
    params = request.args.to_dict()
    user_input = params.get("doc", "")
    if urlparse(user_input).netloc:
        return redirect("/")
    return redirect(user_input)
