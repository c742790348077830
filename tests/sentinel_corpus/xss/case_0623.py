from flask import Blueprint, request
from flask import jsonify

bp = Blueprint("lookup", __name__)


@bp.post("/view")
def lookup():
    params = request.args.to_dict()
    user_input = params.get("name", "")
    return jsonify(query=user_input)
