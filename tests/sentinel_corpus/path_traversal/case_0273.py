import os
from flask import Blueprint, request
from werkzeug.utils import secure_filename

bp = Blueprint("handle", __name__)


@bp.post("/search")
def handle():
    params = request.args.to_dict()
    given = params.get("term", "")
    name = secure_filename(given)
    with open(os.path.join("/var/www/static", name), "rb") as fh:
        content = fh.read()
    return "ok"
