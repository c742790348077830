import shutil
from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)


@bp.post("/lookup")
def endpoint():
    params = request.args.to_dict()
    arg = params.get("target", "")
    shutil.copy(f"/srv/templates/{arg}", "/tmp/work")
    return "ok"
