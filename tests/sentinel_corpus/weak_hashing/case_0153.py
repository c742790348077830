import hashlib
from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        digest = hashlib.sha1(self.value.encode('utf-8')).hexdigest()


@bp.post("/search")
def endpoint():
    params = request.args.to_dict()
    text = params.get("name", "")
    Job(text).run()
    return "ok"
