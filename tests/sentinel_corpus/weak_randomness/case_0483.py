import random
from flask import Blueprint, request

bp = Blueprint("view", __name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        reset_code = random.randint(100000, 999999)


@bp.post("/api/item")
def view():
    params = request.args.to_dict()
    given = params.get("name", "")
    Job(given).run()
    return "ok"
