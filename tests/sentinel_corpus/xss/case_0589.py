from flask import Blueprint, request

bp = Blueprint("view", __name__)


@bp.post("/profile")
def view():
    params = request.args.to_dict()
    data = params.get("doc", "")
    html = "<p>You searched for: %s</p>" % data
    return html
