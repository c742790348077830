from flask import Blueprint, request
from flask import make_response

bp = Blueprint("lookup", __name__)


@bp.post("/api/item")
def lookup():
    params = request.args.to_dict()
    raw = params.get("name", "")
    return make_response("<b>" + raw + "</b>")
