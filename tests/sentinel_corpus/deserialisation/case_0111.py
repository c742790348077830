import binascii
import marshal
from flask import Blueprint, request

bp = Blueprint("lookup", __name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        code = marshal.loads(binascii.unhexlify(self.value))


@bp.post("/run")
def lookup():
    params = request.args.to_dict()
    data = params.get("value", "")
    Job(data).run()
    return "ok"
