from flask import Blueprint, request
from pathlib import Path

bp = Blueprint("view", __name__)


@bp.post("/lookup")
def view():
    params = request.args.to_dict()
    given = params.get("host", "")
    content = (Path("/srv/reports") / given).read_text()
    return "ok"
