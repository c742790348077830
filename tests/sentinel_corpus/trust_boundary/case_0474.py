from flask import Blueprint, request
from flask import session

bp = Blueprint("handle", __name__)


@bp.post("/run")
def handle():
    params = request.args.to_dict()
    incoming = params.get("q", "")
    session["theme"] = incoming if incoming in ("dark", "light") else "light"
    return "ok"
