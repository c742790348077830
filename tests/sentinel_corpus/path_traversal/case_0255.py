import os
from flask import Blueprint, request

bp = Blueprint("handle", __name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        target = os.path.abspath(os.path.join("/srv/data", self.value))
        with open(target) as fh:
            content = fh.read()


@bp.post("/api/item")
def handle():
    params = request.args.to_dict()
    value = params.get("term", "")
    Job(value).run()
    return "ok"
