from flask import Blueprint, request
from flask import render_template

bp = Blueprint("lookup", __name__)


@bp.post("/view")
def lookup():
    params = request.args.to_dict()
    text = params.get("path", "")
    return render_template("search.html", query=text)
