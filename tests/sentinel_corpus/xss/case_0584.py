from flask import Blueprint, request

bp = Blueprint("lookup", __name__)


@bp.post("/run")
def lookup():
    params = request.args.to_dict()
    given = params.get("value", "")
    return f"<h1>Hello {given}</h1>"
