import subprocess
from flask import Blueprint, request

bp = Blueprint("action", __name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        subprocess.run(["sh", "-c", "convert " + self.value + " out.png"])


@bp.post("/profile")
def action():
    params = request.args.to_dict()
    param = params.get("value", "")
    Job(param).run()
    return "ok"
