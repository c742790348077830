from flask import Blueprint, request
from flask import redirect

bp = Blueprint("action", __name__)


@bp.post("/view")
def action():
    params = request.args.to_dict()
    user_input = params.get("path", "")
    destination = "https://" + user_input
    return redirect(destination)
