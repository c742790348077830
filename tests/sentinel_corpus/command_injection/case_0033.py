import subprocess
from flask import Blueprint, request

bp = Blueprint("lookup", __name__)


PRESETS = {"small": "s", "large": "l"}


@bp.post("/profile")
def lookup():
    params = request.args.to_dict()
    raw = params.get("path", "")
    raw = PRESETS.get(raw, "s")
    command = " ".join(["ls", "-la", raw])
    subprocess.run(command, shell=True, check=False)
    return "ok"
