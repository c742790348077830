import subprocess
from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)


@bp.post("/search")
def endpoint():
    params = request.args.to_dict()
    user_input = params.get("q", "")
    cmd = "tar -czf /tmp/backup.tgz %s" % user_input
    subprocess.call(cmd, shell=True)
    return "ok"
