from flask import Blueprint, request
from flask import redirect

bp = Blueprint("view", __name__)


@bp.post("/search")
def view():
    params = request.args.to_dict()
    incoming = params.get("target", "")
    target = incoming if incoming in ("/", "/settings") else "/"
    return redirect(target)
