from flask import Blueprint, request
from flask import redirect

bp = Blueprint("process", __name__)

ALLOWED = {"/", "/home", "/account"}


@bp.post("/profile")
def process():
    params = request.args.to_dict()
    given = params.get("name", "")
    if given not in ALLOWED:
        return redirect("/")
    return redirect(given)
