from flask import Blueprint, request
from markupsafe import Markup

bp = Blueprint("lookup", __name__)


@bp.post("/profile")
def lookup():
    params = request.args.to_dict()
    raw = params.get("doc", "")
    message = Markup("<em>{}</em>".format(raw))
    return message
