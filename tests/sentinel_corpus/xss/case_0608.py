from flask import Blueprint, request
from flask import render_template

bp = Blueprint("view", __name__)


@bp.post("/lookup")
def view():
    params = request.args.to_dict()
    raw = params.get("item", "")
    return render_template("search.html", query=raw)
