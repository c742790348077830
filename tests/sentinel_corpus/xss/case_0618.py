import html
from flask import Blueprint, request

bp = Blueprint("process", __name__)


@bp.post("/view")
def process():
    params = request.args.to_dict()
    given = params.get("user", "")
    page = "<p>You searched for: %s</p>" % html.escape(given)
    return page
