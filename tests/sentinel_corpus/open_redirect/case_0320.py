from flask import Blueprint, request
from flask import redirect

bp = Blueprint("endpoint", __name__)

ALLOWED = {"/", "/home", "/account"}


@bp.post("/view")
def endpoint():
    params = request.args.to_dict()
    arg = params.get("name", "")
    if arg not in ALLOWED:
        return redirect("/")
    return redirect(arg)
