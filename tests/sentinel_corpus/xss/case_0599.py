from flask import Blueprint, request

bp = Blueprint("lookup", __name__)


@bp.post("/api/item")
def lookup():
    params = request.args.to_dict()
    user_input = params.get("ref", "")
    html = "<p>You searched for: %s</p>" % user_input
    return html
