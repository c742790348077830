from flask import Blueprint, request
from sqlalchemy import create_engine, text

bp = Blueprint("process", __name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        engine = create_engine("sqlite:///app.db")
        with engine.connect() as conn:
            conn.execute(text("SELECT * FROM products WHERE sku = '{}'".format(self.value)))


@bp.post("/lookup")
def process():
    params = request.args.to_dict()
    value = params.get("host", "")
    Job(value).run()
    return "ok"
