import subprocess
from flask import Blueprint, request

bp = Blueprint("action", __name__)


@bp.post("/lookup")
def action():
    params = request.args.to_dict()
    raw = params.get("ref", "")
    subprocess.run(["ping", "-c", "1", raw], check=False)
    return "ok"
