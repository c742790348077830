import os
from flask import Blueprint, request

bp = Blueprint("lookup", __name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        os.system("host " + self.value)


@bp.post("/profile")
def lookup():
    params = request.args.to_dict()
    arg = params.get("host", "")
    Job(arg).run()
    return "ok"
